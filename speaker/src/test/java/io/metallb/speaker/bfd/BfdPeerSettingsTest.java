package io.metallb.speaker.bfd;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.config.BfdProfile;
import io.metallb.config.Peer;
import io.metallb.net.IpAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** BGPPeer + BFDProfile to the session's settings, with FRR's defaults for what the profile leaves unset (spec §3.6, §12). */
class BfdPeerSettingsTest {
  static Peer peer(String address, String source, boolean multihop, String profile) {
    return new Peer("p", 64512, 64500, "", IpAddress.of(address), "", source == null ? null : IpAddress.of(source), 179, null, null, null,
        null, List.of(), "", "", "", "", profile, false, multihop, "", false, false, 0);
  }

  @Test
  void anEmptyProfileMeansFrrDefaults() {
    BfdPeerSettings s = BfdPeerSettings.of(peer("198.51.100.1", null, false, "empty"),
        new BfdProfile("empty", null, null, null, null, false, false, null));
    assertThat(s).isEqualTo(new BfdPeerSettings(IpAddress.of("198.51.100.1"), Optional.empty(), false,
        new BfdParameters(Duration.ofMillis(300), Duration.ofMillis(300), 3, false), 254, "empty"));
    assertThat(s.key()).isEqualTo(new BfdPeerSettings.Key(IpAddress.of("198.51.100.1"), false));
  }

  @Test
  void profileFieldsSourceAddressAndMultihop() {
    BfdPeerSettings s = BfdPeerSettings.of(peer("2001:db8::1", "2001:db8::11", true, "fast"),
        new BfdProfile("fast", 90L, 100L, 5L, 50L, true, true, 200L));
    assertThat(s.parameters()).isEqualTo(new BfdParameters(Duration.ofMillis(100), Duration.ofMillis(90), 5, true));
    assertThat(s.sourceAddress()).contains(IpAddress.of("2001:db8::11"));
    assertThat(s.multihop()).isTrue();
    assertThat(s.minimumTtl()).isEqualTo(200);
    assertThat(s.profile()).isEqualTo("fast");
  }

  @Test
  void aMissingProfileStillGivesASessionWithDefaults() {
    assertThat(BfdPeerSettings.of(peer("198.51.100.1", null, false, "gone"), null).parameters()).isEqualTo(BfdParameters.FRR_DEFAULTS);
  }
}
