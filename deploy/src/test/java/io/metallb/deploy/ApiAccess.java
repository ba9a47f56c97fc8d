package io.metallb.deploy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * One authorization an API request needs, in RBAC's terms: the verb on a resource (with its
 * subresource, e.g. {@code services/status}) of an API group, in the release namespace or
 * cluster-wide, on a named object or on any. Pure.
 *
 * @param group API group, {@code ""} for the core group
 * @param resource plural resource, with {@code /subresource} if any
 * @param verb RBAC verb: get, list, watch, create, update, patch, delete or deletecollection
 * @param namespaced true when the request is confined to the release namespace, so a Role can grant it
 * @param name the object's name, or {@code ""} for requests about no single object (list, create, ...)
 */
record ApiAccess(String group, String resource, String verb, boolean namespaced, String name) {

  /**
   * The authorization {@code method path} needs, or empty for non-resource URLs (discovery,
   * {@code /version}), which every authenticated client may read.
   *
   * @param releaseNamespace the namespace Roles are created in
   */
  static Optional<ApiAccess> of(String method, String pathAndQuery, String releaseNamespace) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
    String[] s = Arrays.stream(path.split("/")).filter(x -> !x.isEmpty()).toArray(String[]::new);
    String group;
    int i;
    if (s.length >= 3 && s[0].equals("api")) {
      group = "";
      i = 2;
    } else if (s.length >= 4 && s[0].equals("apis")) {
      group = s[1];
      i = 3;
    } else {
      return Optional.empty();
    }
    String namespace = null;
    if (s.length >= i + 3 && s[i].equals("namespaces")) {
      namespace = s[i + 1];
      i += 2;
    }
    String resource = s[i];
    String name = s.length > i + 1 ? s[i + 1] : "";
    if (s.length > i + 2) {
      resource += "/" + s[i + 2];
    }
    if (name.isEmpty()) {
      name = fieldSelectorName(query);
    }
    boolean collection = s.length == i + 1;
    String verb = switch (method) {
      case "GET" -> collection ? (isWatch(query) ? "watch" : "list") : "get";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> collection ? "deletecollection" : "delete";
      default -> throw new IllegalArgumentException("unexpected method " + method + " " + pathAndQuery);
    };
    if (verb.equals("create")) {
      name = "";
    }
    return Optional.of(new ApiAccess(group, resource, verb, releaseNamespace.equals(namespace), name));
  }

  private static boolean isWatch(String query) {
    return Arrays.stream(query.split("&")).anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
  }

  /** A list or watch of one object by {@code fieldSelector=metadata.name=<name>}, which RBAC can authorize by name. */
  private static String fieldSelectorName(String query) {
    for (String param : query.split("&")) {
      if (param.startsWith("fieldSelector=")) {
        String selector = URLDecoder.decode(param.substring("fieldSelector=".length()), StandardCharsets.UTF_8);
        if (selector.startsWith("metadata.name=") && !selector.contains(",")) {
          return selector.substring("metadata.name=".length());
        }
      }
    }
    return "";
  }

  /** As a rule line, e.g. {@code cluster  "" services/status update}. */
  @Override
  public String toString() {
    return (namespaced ? "namespace" : "cluster  ") + " \"" + group + "\" " + resource + " " + verb + (name.isEmpty() ? "" : " [" + name + "]");
  }
}
