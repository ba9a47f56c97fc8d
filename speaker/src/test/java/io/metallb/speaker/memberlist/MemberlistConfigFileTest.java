package io.metallb.speaker.memberlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metallb.speaker.memberlist.core.MemberlistConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemberlistConfigFileTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({"300ms, PT0.3S", "1.5h, PT1H30M", "2h45m, PT2H45M", "1m30s, PT1M30S", "100us, PT0.0001S",
      "0, PT0S", "-1s, PT-1S", "10s, PT10S", ".5s, PT0.5S"})
  void goDurationsParseAsGoDoes(String go, Duration expected) {
    assertThat(io.metallb.config.GoDuration.parse(go)).hasValue(expected);
  }

  @Test
  void badDurationsAreRejected() {
    for (String bad : new String[] {"", "1", "s", "1sec", "1s2", "1 s"}) {
      assertThat(io.metallb.config.GoDuration.parse(bad)).as(bad).isEmpty();
      assertThatThrownBy(() -> MemberlistConfigFile.parse("{\"TCPTimeout\":\"" + bad + "\"}")).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aFullFileReplacesTheLanDefaults() {
    MemberlistConfig config = MemberlistConfigFile.parse("""
        {"TCPTimeout":"10s","IndirectChecks":3,"RetransmitMult":6,"SuspicionMult":4,
         "SuspicionMaxTimeoutMult":6,"PushPullInterval":"30s","ProbeTimeout":"40ms","ProbeInterval":"100ms",
         "DisableTcpPings":false,"AwarenessMaxMultiplier":8,"GossipNodes":3,"GossipInterval":"50ms",
         "GossipToTheDeadTime":"30s","GossipVerifyIncoming":true,"GossipVerifyOutgoing":true,
         "EnableCompression":true,"HandoffQueueDepth":1024,"UDPBufferSize":1400,"QueueCheckInterval":"30s"}
        """);
    assertThat(config.toBuilder().tcpTimeout(Duration.ofSeconds(2)).build()).isEqualTo(MemberlistConfig.fast());
  }

  @Test
  void missingFieldsBecomeGoZeroValuesAndKeysIgnoreCase() {
    MemberlistConfig config = MemberlistConfigFile.parse("{\"probeinterval\":\"2s\",\"GossipNodes\":5}");
    assertThat(config.probeInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.gossipNodes()).isEqualTo(5);
    assertThat(config.suspicionMult()).isZero();
    assertThat(config.enableCompression()).isFalse();
    assertThat(config.tcpTimeout()).isEqualTo(Duration.ZERO);
  }

  @Test
  void errorsAreFatal() {
    assertThatThrownBy(() -> MemberlistConfigFile.parse("{\"ProbeInterval\":\"fast\"}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ProbeInterval");
    assertThatThrownBy(() -> MemberlistConfigFile.parse("{")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MemberlistConfigFile.parse("{\"GossipNodes\":3}"))
        .as("a zero probe interval cannot run").isInstanceOf(IllegalArgumentException.class);
  }
}
