package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may read {@code /metrics} (spec §13.1): as controller-runtime's authentication and
 * authorization filter, a request must carry a bearer token that the API server accepts
 * (TokenReview) and whose user may {@code get} the non-resource URL (SubjectAccessReview). The
 * decision is pure; the reviews are behind {@link Reviews}.
 */
public final class MetricsAccess {
  private MetricsAccess() {}

  /** A user the API server authenticated. */
  public record User(String name, String uid, List<String> groups, Map<String, List<String>> extra) {
    public User {
      groups = List.copyOf(groups);
      extra = Map.copyOf(extra);
    }
  }

  /** The API server's answers; implementations may block and may throw on transport errors. */
  public interface Reviews {
    /** The token's user, or empty when the API server does not accept the token. */
    Optional<User> authenticate(String token);

    /** Whether {@code user} may {@code verb} the non-resource URL {@code path}. */
    boolean allowed(User user, String path, String verb);
  }

  /** An HTTP status and its plain-text body. */
  public record Decision(int status, String body) {
    public boolean allowed() {
      return status == 200;
    }
  }

  /**
   * The decision for a {@code GET path} with the given {@code Authorization} header (null when
   * absent): 401 without a usable bearer token or when the token is refused, 403 when the user may
   * not read the path, 500 when the API server cannot be asked, else 200.
   */
  public static Decision decide(String authorization, String path, Reviews reviews) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.substring(7).isBlank()) {
      return new Decision(401, "Unauthorized");
    }
    try {
      Optional<User> user = reviews.authenticate(authorization.substring(7).strip());
      if (user.isEmpty()) {
        return new Decision(401, "Unauthorized");
      }
      if (!reviews.allowed(user.get(), path, "get")) {
        return new Decision(403, "Forbidden (user=" + user.get().name() + ", verb=get, resource=, subresource=)");
      }
      return new Decision(200, "");
    } catch (RuntimeException e) {
      return new Decision(500, "Authorization failed: " + e.getMessage());
    }
  }

  /** The reviews of the cluster {@code client} talks to (needs create on tokenreviews and subjectaccessreviews). */
  public static Reviews kubernetes(KubernetesClient client) {
    return new Reviews() {
      @Override
      public Optional<User> authenticate(String token) {
        TokenReview review = client.authentication().v1().tokenReviews()
            .create(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build());
        if (review.getStatus() == null || !Boolean.TRUE.equals(review.getStatus().getAuthenticated()) || review.getStatus().getUser() == null) {
          return Optional.empty();
        }
        UserInfo u = review.getStatus().getUser();
        return Optional.of(new User(u.getUsername() == null ? "" : u.getUsername(), u.getUid() == null ? "" : u.getUid(),
            u.getGroups() == null ? List.of() : u.getGroups(), u.getExtra() == null ? Map.of() : u.getExtra()));
      }

      @Override
      public boolean allowed(User user, String path, String verb) {
        SubjectAccessReview review = client.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
            .withNewSpec().withUser(user.name()).withUid(user.uid()).withGroups(user.groups()).withExtra(user.extra())
            .withNewNonResourceAttributes().withPath(path).withVerb(verb).endNonResourceAttributes().endSpec().build());
        return review.getStatus() != null && review.getStatus().getAllowed();
      }
    };
  }
}
