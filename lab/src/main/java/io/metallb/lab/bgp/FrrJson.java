package io.metallb.lab.bgp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Parses FRR 8's vtysh JSON output. Pure. */
public final class FrrJson {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private FrrJson() {}

  /** The prefixes in {@code show bgp <afi> unicast json}, in table order. */
  public static List<String> prefixes(String tableJson) {
    return List.copyOf(JSON.readTree(tableJson).path("routes").propertyNames());
  }

  /** The paths in {@code show bgp <afi> unicast <prefix> json}. */
  public static List<BgpRoute> routes(String prefix, String detailJson) {
    List<BgpRoute> routes = new ArrayList<>();
    for (JsonNode path : JSON.readTree(detailJson).path("paths")) {
      List<String> nextHops = new ArrayList<>();
      path.path("nexthops").forEach(nh -> nextHops.add(nh.path("ip").asString()));
      List<Long> asPath = new ArrayList<>();
      path.path("aspath").path("segments").forEach(s -> s.path("list").forEach(as -> asPath.add(as.asLong())));
      JsonNode localPref = path.path("locPrf");
      routes.add(new BgpRoute(prefix, nextHops, path.path("origin").asString("").toUpperCase(Locale.ROOT), asPath,
          localPref.isNumber() ? OptionalLong.of(localPref.asLong()) : OptionalLong.empty(),
          strings(path.path("community").path("list")), strings(path.path("largeCommunity").path("list")),
          path.path("bestpath").path("overall").asBoolean(false)));
    }
    return routes;
  }

  /** The sessions in {@code show bgp summary json}, over all address families, one per peer. */
  public static List<BgpSession> sessions(String summaryJson) {
    Map<String, BgpSession> sessions = new LinkedHashMap<>();
    for (JsonNode family : JSON.readTree(summaryJson).values()) {
      for (Map.Entry<String, JsonNode> peer : family.path("peers").properties()) {
        String state = peer.getValue().path("state").asString("");
        sessions.putIfAbsent(peer.getKey(), new BgpSession(peer.getKey(), state, state.equals("Established")));
      }
    }
    return List.copyOf(sessions.values());
  }

  /** Peer address to status ({@code up}, {@code down}, …) from {@code show bfd peers json}. */
  public static Map<String, String> bfdPeers(String json) {
    Map<String, String> peers = new LinkedHashMap<>();
    for (JsonNode peer : JSON.readTree(json)) {
      peers.put(peer.path("peer").asString(), peer.path("status").asString());
    }
    return peers;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }
}
