package io.metallb.speaker.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.config.Peer;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.fsm.SessionSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** From a parsed BGPPeer to session settings: defaults, the v1beta1 quirk, passwords, TTL. */
class PeerSettingsTest {
  private static Peer peer(long asn, Duration hold, String password, String secret, boolean multihop, boolean gr) {
    return new Peer("rtr", 64512, asn, "", IpAddress.of("198.51.100.1"), "", null, 179, hold, null, null, null, List.of(),
        password, secret, "", "", "", gr, multihop, "", false, false, 0);
  }

  @Test
  void defaultsAndQuirks() {
    assertThat(PeerSettings.of(peer(64500, null, "", "", false, false), false).session().holdTime())
        .isEqualTo(SessionSettings.DEFAULT_HOLD_TIME);
    assertThat(PeerSettings.of(peer(64500, Duration.ZERO, "", "", false, false), false).session().holdTime()).isZero();
    assertThat(PeerSettings.of(peer(64500, null, "", "", false, false), false).metricsLabel()).isEqualTo("198.51.100.1:179");
  }

  @Test
  void passwordFromSpecElseSecret() {
    assertThat(new String(PeerSettings.of(peer(64500, null, "clear", "secret", false, false), false).md5Key())).isEqualTo("clear");
    assertThat(new String(PeerSettings.of(peer(64500, null, "", "secret", false, false), false).md5Key())).isEqualTo("secret");
  }

  @Test
  void ttlByKindOfSession() {
    assertThat(PeerSettings.of(peer(64500, null, "", "", false, false), false).ttl()).contains(PeerSettings.DIRECT_EBGP_TTL);
    assertThat(PeerSettings.of(peer(64500, null, "", "", true, false), false).ttl()).contains(PeerSettings.MULTIHOP_TTL);
    assertThat(PeerSettings.of(peer(64512, null, "", "", false, false), false).ttl()).isEmpty();
  }

  @Test
  void gracefulRestartCarriesTheRestartFlag() {
    assertThat(PeerSettings.of(peer(64500, null, "", "", false, true), true).session().gracefulRestart())
        .contains(new SessionSettings.GracefulRestartSettings(Duration.ofSeconds(120), true));
    assertThat(PeerSettings.of(peer(64500, null, "", "", false, false), true).session().gracefulRestart()).isEqualTo(Optional.empty());
  }

  @Test
  void localAsnIsTheAsTheSessionPresents() {
    Peer local = new Peer("rtr", 64512, 64999, "", IpAddress.of("198.51.100.1"), "", null, 179, null, null, null, null, List.of(),
        "", "", "", "", "", false, false, "", false, false, 64999);
    PeerSettings settings = PeerSettings.of(local, false);
    assertThat(settings.session().localAsn()).isEqualTo(64999);
    assertThat(settings.ttl()).as("iBGP with the local AS: no TTL of 1").isEmpty();
  }

  @Test
  void vrfPeersAreRefusedByName() {
    Peer inVrf = new Peer("red-rtr", 64512, 64500, "", IpAddress.of("198.51.100.1"), "", null, 179, null, null, null, null, List.of(),
        "", "", "", "", "", false, false, "red", false, false, 0);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PeerSettings.of(inVrf, false))
        .hasMessage("peer red-rtr: vrf \"red\" is not supported, sessions are dialled in the default VRF");
  }

  @Test
  void anUnnumberedPeerIsDialledOnItsInterfaceAndOffersExtendedNextHops() {
    Peer unnumbered = new Peer("ll", 64512, 64500, "", null, "eth1", null, 179, null, null, null, null, List.of(),
        "", "", "", "", "", false, false, "", false, false, 0);
    PeerSettings settings = PeerSettings.of(unnumbered, false);
    assertThat(settings.iface()).contains("eth1");
    assertThat(settings.address()).isEqualTo(PeerSettings.UNNUMBERED);
    assertThat(settings.metricsLabel()).isEqualTo("eth1");
    assertThat(settings.session().extendedNextHop()).isTrue();
    assertThat(settings.ttl()).contains(PeerSettings.DIRECT_EBGP_TTL);
  }
}
