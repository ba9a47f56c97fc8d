package io.metallb.speaker.bgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metallb.config.BgpAdvertisement;
import io.metallb.config.BgpCommunity;
import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Spec §8.9 SetBalancer/publish, §10.10 merging, §10.8 router IDs, §19.5 aggregation. */
class AdvertisementsTest {
  private static final BgpCommunity NO_ADVERTISE = new BgpCommunity.Standard(65535, 65282);

  private static BgpAdvertisement ad(String name, int length, long localPref, List<BgpCommunity> communities, List<String> peers) {
    return new BgpAdvertisement(name, length, 128, localPref, new TreeSet<>(communities), new TreeSet<>(), peers, List.of());
  }

  /** Spec §19.5. */
  @Test
  void aggregationExampleGivesHostRouteAndShared24() {
    List<BgpAdvertisement> ads = List.of(ad("local", 32, 100, List.of(NO_ADVERTISE), List.of()), ad("external", 24, 0, List.of(), List.of()));
    List<Advertisement> service1 = Advertisements.forService(List.of(IpAddress.of("198.51.100.10")), ads);
    List<Advertisement> service2 = Advertisements.forService(List.of(IpAddress.of("198.51.100.20")), ads);
    assertThat(service1).containsExactly(new Advertisement(Cidr.of("198.51.100.10/32"), 100, List.of(NO_ADVERTISE), List.of()),
        Advertisement.of(Cidr.of("198.51.100.0/24")));
    var all = new java.util.ArrayList<>(service1);
    all.addAll(service2);
    assertThat(Advertisements.forPeer("any", all).keySet())
        .containsExactly(Cidr.of("198.51.100.10/32"), Cidr.of("198.51.100.0/24"), Cidr.of("198.51.100.20/32"));
  }

  @Test
  void ipv6UsesTheV6AggregationLength() {
    BgpAdvertisement v6 = new BgpAdvertisement("v6", 32, 64, 0, new TreeSet<>(), new TreeSet<>(), List.of(), List.of());
    assertThat(Advertisements.forService(List.of(IpAddress.of("2001:db8:200::10")), List.of(v6)))
        .containsExactly(Advertisement.of(Cidr.of("2001:db8:200::/64")));
  }

  @Test
  void peersFilterAndMergeUnionsCommunitiesKeepingTheFirstLocalPref() {
    BgpCommunity large = new BgpCommunity.Large(64512, 1, 100);
    List<Advertisement> all = List.of(new Advertisement(Cidr.of("203.0.113.10/32"), 100, List.of(NO_ADVERTISE), List.of("rtr-a")),
        new Advertisement(Cidr.of("203.0.113.10/32"), 300, List.of(large), List.of()),
        new Advertisement(Cidr.of("203.0.113.11/32"), 0, List.of(), List.of("rtr-a")));
    assertThat(Advertisements.forPeer("rtr-b", all).values())
        .containsExactly(new Advertisement(Cidr.of("203.0.113.10/32"), 300, List.of(large), List.of()));
    assertThat(Advertisements.forPeer("rtr-a", all).get(Cidr.of("203.0.113.10/32")))
        .isEqualTo(new Advertisement(Cidr.of("203.0.113.10/32"), 100, List.of(large, NO_ADVERTISE), List.of("rtr-a")));
  }

  @Test
  void moreThan63CommunitiesAreRefused() {
    List<BgpCommunity> many = IntStream.range(0, 64).<BgpCommunity>mapToObj(i -> new BgpCommunity.Standard(64512, i)).toList();
    assertThatThrownBy(() -> Advertisements.forPeer("p", List.of(new Advertisement(Cidr.of("203.0.113.10/32"), 0, many, List.of()))))
        .hasMessage("max supported communities is 63, got 64");
  }

  /** Spec §10.8 and §19.2. */
  @Test
  void routerIdSelection() {
    IpAddress v4 = IpAddress.of("198.51.100.11");
    IpAddress v6 = IpAddress.of("2001:db8:100::11");
    assertThat(RouterIds.select(Optional.of(IpAddress.of("192.0.2.9")), v4, a -> Optional.empty(), "n"))
        .isEqualTo(RouterIds.toLong(IpAddress.of("192.0.2.9")));
    assertThat(RouterIds.select(Optional.empty(), v4, a -> Optional.empty(), "n")).isEqualTo(RouterIds.toLong(v4));
    assertThat(RouterIds.select(Optional.empty(), v6, a -> Optional.of(v4), "n")).isEqualTo(RouterIds.toLong(v4));
    assertThat(RouterIds.toDottedQuad(RouterIds.select(Optional.empty(), v6, a -> Optional.empty(), "node-a"))).isEqualTo("171.77.153.120");
    assertThat(RouterIds.toDottedQuad(RouterIds.fromNodeName("worker-1"))).isEqualTo("160.112.56.60");
  }
}
