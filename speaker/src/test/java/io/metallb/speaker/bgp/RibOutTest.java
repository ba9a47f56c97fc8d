package io.metallb.speaker.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.config.BgpCommunity;
import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.codec.BgpMessageWriter;
import io.metallb.speaker.bgp.fsm.NegotiatedSession;
import io.metallb.speaker.bgp.message.Family;
import io.metallb.speaker.bgp.message.PathAttribute;
import io.metallb.speaker.bgp.message.Update;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Planning UPDATEs: packing, withdrawals, families, iBGP/eBGP attributes. */
class RibOutTest {
  private static final BgpCommunity STANDARD = new BgpCommunity.Standard(64512, 100);
  private static final BgpCommunity LARGE = new BgpCommunity.Large(64512, 1, 100);

  static NegotiatedSession session(String local, long localAsn, long peerAsn) {
    return new NegotiatedSession(IpAddress.of(local), localAsn, peerAsn, true, Duration.ofSeconds(90), Duration.ofSeconds(30),
        EnumSet.allOf(Family.class), true, 1);
  }

  private static Map<Cidr, Advertisement> ads(Advertisement... ads) {
    Map<Cidr, Advertisement> out = new LinkedHashMap<>();
    for (Advertisement a : ads) {
      out.put(a.prefix(), a);
    }
    return out;
  }

  @Test
  void prefixesSharingAttributesShareOneUpdateThenEndOfRib() {
    RibOut rib = new RibOut();
    rib.setDesired(ads(new Advertisement(Cidr.of("203.0.113.10/32"), 200, List.of(STANDARD, LARGE), List.of()),
        new Advertisement(Cidr.of("203.0.113.11/32"), 200, List.of(STANDARD, LARGE), List.of()),
        Advertisement.of(Cidr.of("203.0.113.0/24"))));
    List<Update> updates = rib.established(session("198.51.100.11", 64512, 64512));
    assertThat(updates).hasSize(3 + 1); // two attribute groups + IPv4 EoR + IPv6 EoR, minus nothing for IPv6
    Update first = updates.getFirst();
    assertThat(first.nlri()).containsExactly(Cidr.of("203.0.113.10/32"), Cidr.of("203.0.113.11/32"));
    assertThat(first.attributes()).containsExactly(new PathAttribute.Origin(PathAttribute.OriginType.IGP),
        new PathAttribute.AsPath(List.of()), new PathAttribute.NextHop(IpAddress.of("198.51.100.11")),
        new PathAttribute.LocalPref(200), new PathAttribute.Communities(List.of(64512L * 65536 + 100)),
        new PathAttribute.LargeCommunities(List.of(new PathAttribute.LargeCommunity(64512, 1, 100))));
    assertThat(updates.get(1).attribute(PathAttribute.LocalPref.class)).contains(new PathAttribute.LocalPref(RibOut.DEFAULT_LOCAL_PREF));
    assertThat(updates.subList(2, 4)).containsExactly(Update.endOfRib(Family.IPV4_UNICAST), Update.endOfRib(Family.IPV6_UNICAST));
    assertThat(rib.announcedCount()).isEqualTo(3);
  }

  @Test
  void ebgpGetsAsPathAndNoLocalPref() {
    RibOut rib = new RibOut();
    rib.setDesired(ads(new Advertisement(Cidr.of("203.0.113.10/32"), 200, List.of(), List.of())));
    Update update = rib.established(session("198.51.100.11", 64512, 64500)).getFirst();
    assertThat(update.attribute(PathAttribute.AsPath.class)).contains(PathAttribute.AsPath.originatedBy(64512, false));
    assertThat(update.attribute(PathAttribute.LocalPref.class)).isEmpty();
  }

  @Test
  void ipv6PrefixesGoInMpReachOverAnIpv6SessionOnly() {
    Map<Cidr, Advertisement> desired = ads(Advertisement.of(Cidr.of("2001:db8:200::10/128")), Advertisement.of(Cidr.of("203.0.113.10/32")));
    RibOut v6 = new RibOut();
    v6.setDesired(desired);
    List<Update> updates = v6.established(session("2001:db8:100::11", 64512, 64500));
    assertThat(updates.getFirst().attribute(PathAttribute.MpReach.class)).contains(new PathAttribute.MpReach(Family.IPV6_UNICAST,
        List.of(IpAddress.of("2001:db8:100::11")), List.of(Cidr.of("2001:db8:200::10/128"))));
    assertThat(updates.getFirst().nlri()).isEmpty();
    assertThat(v6.announcedCount()).isEqualTo(1);
  }

  @Test
  void aDualStackSessionCarriesBothFamiliesEachWithItsOwnNextHop() {
    Map<Cidr, Advertisement> desired = ads(Advertisement.of(Cidr.of("2001:db8:200::10/128")), Advertisement.of(Cidr.of("203.0.113.10/32")));
    RibOut rib = new RibOut();
    rib.setDesired(desired);
    NegotiatedSession dual = new NegotiatedSession(IpAddress.of("198.51.100.11"), 64512, 64500, true, Duration.ofSeconds(90),
        Duration.ofSeconds(30), EnumSet.allOf(Family.class), true, 1, java.util.Optional.of(IpAddress.of("2001:db8:100::11")));
    List<Update> updates = rib.established(dual);
    assertThat(updates).filteredOn(u -> !u.nlri().isEmpty()).singleElement().satisfies(u -> {
      assertThat(u.nlri()).containsExactly(Cidr.of("203.0.113.10/32"));
      assertThat(u.attribute(PathAttribute.NextHop.class)).contains(new PathAttribute.NextHop(IpAddress.of("198.51.100.11")));
    });
    assertThat(updates).flatMap(u -> u.attribute(PathAttribute.MpReach.class).stream().toList()).containsExactly(
        new PathAttribute.MpReach(Family.IPV6_UNICAST, List.of(IpAddress.of("2001:db8:100::11")), List.of(Cidr.of("2001:db8:200::10/128"))));
    assertThat(rib.announcedCount()).isEqualTo(2);
  }

  @Test
  void anUnnumberedSessionSendsBothFamiliesWithTheLinkLocalNextHopInMpReach() {
    Map<Cidr, Advertisement> desired = ads(Advertisement.of(Cidr.of("2001:db8:200::10/128")), Advertisement.of(Cidr.of("203.0.113.10/32")));
    RibOut rib = new RibOut();
    rib.setDesired(desired);
    NegotiatedSession unnumbered = new NegotiatedSession(IpAddress.of("fe80::11"), 64512, 64500, true, Duration.ofSeconds(90),
        Duration.ofSeconds(30), EnumSet.allOf(Family.class), true, 1, java.util.Optional.empty(), true);
    List<Update> updates = rib.established(unnumbered);
    assertThat(updates).flatMap(u -> u.attribute(PathAttribute.MpReach.class).stream().toList()).containsExactlyInAnyOrder(
        new PathAttribute.MpReach(Family.IPV4_UNICAST, List.of(IpAddress.of("fe80::11")), List.of(Cidr.of("203.0.113.10/32"))),
        new PathAttribute.MpReach(Family.IPV6_UNICAST, List.of(IpAddress.of("fe80::11")), List.of(Cidr.of("2001:db8:200::10/128"))));
    assertThat(updates).allSatisfy(u -> {
      assertThat(u.nlri()).isEmpty();
      assertThat(u.attribute(PathAttribute.NextHop.class)).isEmpty();
    });
    assertThat(rib.announcedCount()).isEqualTo(2);
    assertThat(rib.setDesired(Map.of())).contains(new Update(List.of(Cidr.of("203.0.113.10/32")), List.of(), List.of()));
  }

  @Test
  void withoutExtendedNextHopsAnIpv6SessionSendsNoIpv4() {
    RibOut rib = new RibOut();
    rib.setDesired(ads(Advertisement.of(Cidr.of("203.0.113.10/32"))));
    NegotiatedSession session = new NegotiatedSession(IpAddress.of("fe80::11"), 64512, 64500, true, Duration.ofSeconds(90),
        Duration.ofSeconds(30), EnumSet.allOf(Family.class), true, 1, java.util.Optional.empty(), false);
    assertThat(rib.established(session)).containsExactly(Update.endOfRib(Family.IPV4_UNICAST), Update.endOfRib(Family.IPV6_UNICAST));
  }

  @Test
  void changesAnnounceNewAndChangedThenWithdrawRemovedInOneUpdate() {
    RibOut rib = new RibOut();
    rib.setDesired(ads(Advertisement.of(Cidr.of("203.0.113.1/32")), Advertisement.of(Cidr.of("203.0.113.2/32")),
        Advertisement.of(Cidr.of("203.0.113.3/32"))));
    rib.established(session("198.51.100.11", 64512, 64500));
    List<Update> updates = rib.setDesired(ads(Advertisement.of(Cidr.of("203.0.113.1/32")),
        new Advertisement(Cidr.of("203.0.113.4/32"), 0, List.of(STANDARD), List.of())));
    assertThat(updates).hasSize(2);
    assertThat(updates.get(0).nlri()).containsExactly(Cidr.of("203.0.113.4/32"));
    assertThat(updates.get(1)).isEqualTo(new Update(List.of(Cidr.of("203.0.113.2/32"), Cidr.of("203.0.113.3/32")), List.of(), List.of()));
    assertThat(rib.setDesired(ads(Advertisement.of(Cidr.of("203.0.113.1/32")),
        new Advertisement(Cidr.of("203.0.113.4/32"), 0, List.of(STANDARD), List.of())))).isEmpty();
  }

  @Test
  void nothingIsSentWhileDownAndEverythingOnReconnect() {
    RibOut rib = new RibOut();
    assertThat(rib.setDesired(ads(Advertisement.of(Cidr.of("203.0.113.1/32"))))).isEmpty();
    assertThat(rib.pendingCount()).isEqualTo(1);
    rib.established(session("198.51.100.11", 64512, 64500));
    rib.down();
    assertThat(rib.announcedCount()).isZero();
    assertThat(rib.established(session("198.51.100.11", 64512, 64500)).getFirst().nlri()).containsExactly(Cidr.of("203.0.113.1/32"));
  }

  @Test
  void tenThousandPrefixesFitInFullSizedUpdates() {
    Map<Cidr, Advertisement> many = new LinkedHashMap<>();
    IntStream.range(0, 10_000).forEach(i -> {
      Cidr p = new Cidr(IpAddress.of("198.18." + (i / 256) + "." + (i % 256)), 32);
      many.put(p, Advertisement.of(p));
    });
    RibOut rib = new RibOut();
    rib.setDesired(many);
    List<Update> updates = rib.established(session("198.51.100.11", 64512, 64500));
    assertThat(updates.stream().mapToInt(u -> u.nlri().size()).sum()).isEqualTo(10_000);
    assertThat(updates).allSatisfy(u -> assertThat(BgpMessageWriter.size(u, true)).isLessThanOrEqualTo(4096));
    assertThat(updates.size()).isLessThan(20);
    List<Update> withdrawals = rib.setDesired(Map.of());
    assertThat(withdrawals.stream().mapToInt(u -> u.withdrawn().size()).sum()).isEqualTo(10_000);
    assertThat(withdrawals).allSatisfy(u -> assertThat(BgpMessageWriter.size(u, true)).isLessThanOrEqualTo(4096));
  }
}
