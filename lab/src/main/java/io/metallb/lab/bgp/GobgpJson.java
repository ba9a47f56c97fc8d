package io.metallb.lab.bgp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses GoBGP 3's {@code gobgp -j} JSON output. Path attributes are keyed by their type code
 * (RFC 4271 §5: 1 ORIGIN, 2 AS_PATH, 3 NEXT_HOP, 5 LOCAL_PREF; RFC 1997: 8 COMMUNITIES; RFC 4760:
 * 14 MP_REACH_NLRI; RFC 8092: 32 LARGE_COMMUNITY). Pure.
 */
public final class GobgpJson {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final List<String> ORIGINS = List.of("IGP", "EGP", "INCOMPLETE");
  private static final List<String> SESSION_STATES =
      List.of("Unknown", "Idle", "Connect", "Active", "OpenSent", "OpenConfirm", "Established");

  private GobgpJson() {}

  /** The paths in {@code gobgp global rib -a <afi> -j}. */
  public static List<BgpRoute> routes(String ribJson) {
    List<BgpRoute> routes = new ArrayList<>();
    if (ribJson.isBlank()) {
      return routes;
    }
    for (Map.Entry<String, JsonNode> entry : JSON.readTree(ribJson).properties()) {
      for (JsonNode path : entry.getValue()) {
        String origin = "";
        List<Long> asPath = new ArrayList<>();
        List<String> nextHops = new ArrayList<>();
        OptionalLong localPref = OptionalLong.empty();
        List<String> communities = new ArrayList<>();
        List<String> large = new ArrayList<>();
        for (JsonNode attr : path.path("attrs")) {
          switch (attr.path("type").asInt()) {
            case 1 -> origin = ORIGINS.get(attr.path("value").asInt());
            case 2 -> attr.path("as_paths").forEach(s -> s.path("asns").forEach(as -> asPath.add(as.asLong())));
            case 3, 14 -> nextHops.add(attr.path("nexthop").asString());
            case 5 -> localPref = OptionalLong.of(attr.path("value").asLong());
            case 8 -> attr.path("communities").forEach(c -> communities.add(community(c.asLong())));
            case 32 -> attr.path("value").forEach(c -> large.add(c.path("ASN").asLong() + ":"
                + c.path("LocalData1").asLong() + ":" + c.path("LocalData2").asLong()));
            default -> { }
          }
        }
        routes.add(new BgpRoute(entry.getKey(), nextHops, origin, asPath, localPref, communities, large,
            path.path("best").asBoolean(false)));
      }
    }
    return routes;
  }

  /** {@code ASN:VALUE} of a 32-bit community (RFC 1997: high 16 bits ASN, low 16 bits value). */
  public static String community(long value) {
    return (value >>> 16) + ":" + (value & 0xffff);
  }

  /** The sessions in {@code gobgp neighbor -j}. */
  public static List<BgpSession> sessions(String neighborJson) {
    List<BgpSession> sessions = new ArrayList<>();
    for (JsonNode neighbor : JSON.readTree(neighborJson)) {
      int code = neighbor.path("state").path("session_state").asInt(0);
      String state = code >= 0 && code < SESSION_STATES.size() ? SESSION_STATES.get(code) : "Unknown";
      sessions.add(new BgpSession(neighbor.path("conf").path("neighbor_address").asString(), state, code == 6));
    }
    return sessions;
  }
}
