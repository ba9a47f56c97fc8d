package io.metallb.lab.memberlist;

import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON line of the memberlist agent.
 *
 * @param event {@code started}, {@code join}, {@code leave}, {@code update}, {@code joined},
 *     {@code stopped}
 * @param self the agent that reported it
 * @param node the member it is about (empty for the agent's own events)
 * @param address the member's address
 * @param timestamp when the agent printed it
 */
public record MemberEvent(String event, String self, String node, String address, Instant timestamp) {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Parses one line of agent output; lines that are not event objects (its log) give empty. */
  public static Optional<MemberEvent> parse(String line) {
    String trimmed = line.strip();
    if (!trimmed.startsWith("{")) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(trimmed);
      if (!node.has("event")) {
        return Optional.empty();
      }
      return Optional.of(new MemberEvent(node.path("event").asString(), node.path("self").asString(""),
          node.path("node").asString(""), node.path("addr").asString(""),
          Instant.ofEpochMilli(node.path("ts").asLong(0))));
    } catch (tools.jackson.core.JacksonException e) {
      return Optional.empty();
    }
  }
}
