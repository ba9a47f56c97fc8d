package io.metallb.lab.memberlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MemberEventTest {
  @Test
  void parsesAJoinLine() {
    assertThat(MemberEvent.parse(
        "{\"event\":\"join\",\"self\":\"n1\",\"node\":\"n2\",\"addr\":\"198.51.100.12\",\"port\":7946,\"ts\":1700000000123}"))
        .hasValue(new MemberEvent("join", "n1", "n2", "198.51.100.12", Instant.ofEpochMilli(1_700_000_000_123L)));
  }

  @Test
  void ignoresLogLines() {
    assertThat(MemberEvent.parse("2026/11/27 13:36:00 [DEBUG] memberlist: Stream connection from=198.51.100.12"))
        .isEmpty();
    assertThat(MemberEvent.parse("{\"not\":\"an event\"}")).isEmpty();
    assertThat(MemberEvent.parse("{broken")).isEmpty();
  }
}
