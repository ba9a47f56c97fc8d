package io.metallb.lab.apiserver;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The fabric8 CRUD dispatcher plus the discovery endpoints kubectl needs: {@code /version},
 * {@code /api}, {@code /api/v1}, {@code /apis} and {@code /apis/<group>/<version>}, listing the
 * {@link BuiltinResources} and the served versions of every CRD stored at the time of the request.
 * {@code /openapi/*} answers 404, which makes kubectl skip client-side validation only when told
 * {@code --validate=false}. TokenReviews and SubjectAccessReviews are answered as by a server
 * without authentication or authorization (for the binaries' HTTPS metrics).
 *
 * <p>Thread-safe as far as the underlying dispatcher is (it locks its store).
 */
public final class DiscoveryCrudDispatcher extends KubernetesCrudDispatcher {
  /** The user every bearer token stands for (see {@link #review}). */
  public static final String LAB_USER = "lab-user";
  private static final String CRD_COLLECTION = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  private final String serverAddress;
  private final Consumer<RecordedRequest> observer;

  /** A dispatcher that advertises {@code serverAddress} (host:port) in {@code /api}. */
  public DiscoveryCrudDispatcher(String serverAddress) {
    this(serverAddress, request -> { });
  }

  /**
   * As {@link #DiscoveryCrudDispatcher(String)}, telling {@code observer} of every request before
   * it is answered (watches included). The observer is called on the server's threads, possibly
   * concurrently, and must not block.
   */
  public DiscoveryCrudDispatcher(String serverAddress, Consumer<RecordedRequest> observer) {
    this.serverAddress = serverAddress;
    this.observer = observer;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    observer.accept(request);
    if ("POST".equals(request.getMethod())) {
      // Only a review's body is read here: reading it consumes it.
      Optional<MockResponse> review = review(pathOf(request.getPath()), request::getUtf8Body);
      if (review.isPresent()) {
        return review.get();
      }
    }
    if ("GET".equals(request.getMethod())) {
      Optional<MockResponse> discovery = discovery(pathOf(request.getPath()));
      if (discovery.isPresent()) {
        return discovery.get();
      }
    }
    return super.dispatch(request);
  }

  /**
   * TokenReview and SubjectAccessReview, answered as an API server without authentication or
   * authorization would: every non-empty token is user {@value #LAB_USER}, and everything is
   * allowed. The review comes back with its status, as the API server returns it.
   */
  private Optional<MockResponse> review(String path, java.util.function.Supplier<String> readBody) {
    boolean token = path.equals("/apis/authentication.k8s.io/v1/tokenreviews");
    boolean access = path.equals("/apis/authorization.k8s.io/v1/subjectaccessreviews");
    if (!token && !access) {
      return Optional.empty();
    }
    String body = readBody.get();
    String trimmed = body.strip();
    if (!trimmed.endsWith("}")) {
      return Optional.of(new MockResponse().setResponseCode(400));
    }
    String status = token
        ? (body.contains("\"token\":\"\"") || !body.contains("\"token\"")
            ? "{\"authenticated\":false}"
            : "{\"authenticated\":true,\"user\":{\"username\":\"" + LAB_USER + "\",\"groups\":[\"system:authenticated\"]}}")
        : "{\"allowed\":true,\"reason\":\"the lab API server authorizes everything\"}";
    return Optional.of(new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
        .setBody(trimmed.substring(0, trimmed.length() - 1) + ",\"status\":" + status + "}"));
  }

  private Optional<MockResponse> discovery(String path) {
    if (path.equals("/version")) {
      return Optional.of(json(DiscoveryDocuments.version()));
    }
    if (path.equals("/api")) {
      return Optional.of(json(DiscoveryDocuments.coreVersions(serverAddress)));
    }
    if (path.equals("/apis")) {
      return Optional.of(json(DiscoveryDocuments.groupList(types())));
    }
    if (path.startsWith("/openapi")) {
      return Optional.of(notFound());
    }
    String[] segments = path.substring(1).split("/");
    if (segments.length == 2 && segments[0].equals("api")) {
      return Optional.of(DiscoveryDocuments.resourceList("", segments[1], types()).map(this::json)
          .orElseGet(DiscoveryCrudDispatcher::notFound));
    }
    if (segments.length == 3 && segments[0].equals("apis")) {
      return Optional.of(DiscoveryDocuments.resourceList(segments[1], segments[2], types()).map(this::json)
          .orElseGet(DiscoveryCrudDispatcher::notFound));
    }
    return Optional.empty();
  }

  private List<ApiResourceType> types() {
    List<ApiResourceType> types = new ArrayList<>(BuiltinResources.ALL);
    MockResponse crds = handleGet(CRD_COLLECTION);
    if (crds.code() == 200 && crds.getBody() != null) {
      types.addAll(CrdResourceTypes.fromJson(crds.getBody().readUtf8()));
    }
    return types;
  }

  private MockResponse json(String body) {
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body);
  }

  private static MockResponse notFound() {
    return new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/json")
        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}");
  }

  static String pathOf(String requestPath) {
    int query = requestPath.indexOf('?');
    String path = query < 0 ? requestPath : requestPath.substring(0, query);
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
