package io.metallb.speaker.memberlist;

import io.metallb.speaker.memberlist.core.MemberlistConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MetalLB's optional memberlist override file ({@code /etc/metallb/memberlist/config.json},
 * ConfigMap {@code metallb-memberlist-config}; spec §8.5): when present it replaces the base
 * config with LAN defaults plus <em>all</em> of its listed fields — a field missing from the
 * file becomes its Go zero value (0, false, "0s"). Durations are Go duration strings; keys match
 * case-insensitively as Go's encoding/json does. Pure.
 */
public final class MemberlistConfigFile {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private MemberlistConfigFile() {}

  /**
   * The config for the file's {@code json} content.
   *
   * @throws IllegalArgumentException on bad JSON, a bad duration or a result memberlist cannot run
   *     with (a zero probe interval): MetalLB treats parse errors as fatal
   */
  public static MemberlistConfig parse(String json) {
    Map<String, JsonNode> fields = new HashMap<>();
    try {
      JsonNode root = JSON.readTree(json);
      if (!root.isObject()) {
        throw new IllegalArgumentException("memberlist config must be a JSON object");
      }
      root.properties().forEach(e -> fields.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
    } catch (JacksonException e) {
      throw new IllegalArgumentException("memberlist config is not valid JSON: " + e.getOriginalMessage(), e);
    }
    MemberlistConfig lan = MemberlistConfig.lan();
    return lan.toBuilder()
        .tcpTimeout(duration(fields, "TCPTimeout"))
        .indirectChecks(integer(fields, "IndirectChecks"))
        .retransmitMult(integer(fields, "RetransmitMult"))
        .suspicionMult(integer(fields, "SuspicionMult"))
        .suspicionMaxTimeoutMult(integer(fields, "SuspicionMaxTimeoutMult"))
        .pushPullInterval(duration(fields, "PushPullInterval"))
        .probeTimeout(duration(fields, "ProbeTimeout"))
        .probeInterval(duration(fields, "ProbeInterval"))
        .disableTcpPings(bool(fields, "DisableTcpPings"))
        .awarenessMaxMultiplier(integer(fields, "AwarenessMaxMultiplier"))
        .gossipNodes(integer(fields, "GossipNodes"))
        .gossipInterval(duration(fields, "GossipInterval"))
        .gossipToTheDeadTime(duration(fields, "GossipToTheDeadTime"))
        .gossipVerifyIncoming(bool(fields, "GossipVerifyIncoming"))
        .gossipVerifyOutgoing(bool(fields, "GossipVerifyOutgoing"))
        .enableCompression(bool(fields, "EnableCompression"))
        .handoffQueueDepth(integer(fields, "HandoffQueueDepth"))
        .udpBufferSize(integer(fields, "UDPBufferSize"))
        .queueCheckInterval(duration(fields, "QueueCheckInterval"))
        .build();
  }

  private static JsonNode field(Map<String, JsonNode> fields, String name) {
    return fields.get(name.toLowerCase(Locale.ROOT));
  }

  private static Duration duration(Map<String, JsonNode> fields, String name) {
    JsonNode node = field(fields, name);
    if (node == null || node.isNull()) {
      return Duration.ZERO;
    }
    if (node.isNumber()) {
      return Duration.ofNanos(node.asLong());
    }
    String text = node.asString();
    return io.metallb.config.GoDuration.parse(text)
        .orElseThrow(() -> new IllegalArgumentException(name + ": time: invalid duration \"" + text + "\""));
  }

  private static int integer(Map<String, JsonNode> fields, String name) {
    JsonNode node = field(fields, name);
    if (node == null || node.isNull()) {
      return 0;
    }
    if (!node.canConvertToInt()) {
      throw new IllegalArgumentException(name + " must be an integer, not " + node);
    }
    return node.asInt();
  }

  private static boolean bool(Map<String, JsonNode> fields, String name) {
    JsonNode node = field(fields, name);
    if (node != null && !node.isNull() && !node.isBoolean()) {
      throw new IllegalArgumentException(name + " must be true or false, not " + node);
    }
    return node != null && node.asBoolean();
  }
}
