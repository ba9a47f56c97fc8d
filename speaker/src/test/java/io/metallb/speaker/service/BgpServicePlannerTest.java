package io.metallb.speaker.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.config.BgpAdvertisement;
import io.metallb.config.BgpCommunity;
import io.metallb.config.Config;
import io.metallb.config.Pool;
import io.metallb.config.Selector;
import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.Advertisement;
import io.metallb.speaker.election.L2Decision;
import io.metallb.speaker.service.BgpServicePlanner.Endpoint;
import io.metallb.speaker.service.BgpServicePlanner.Plan;
import io.metallb.speaker.service.BgpServicePlanner.World;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BgpServicePlannerTest {
  static final String ME = "node-a";
  static final Endpoint LOCAL = new Endpoint(ME, true, null, 1);
  static final Endpoint REMOTE = new Endpoint("node-b", true, null, 1);

  static BgpAdvertisement ad(String name, int length, long localPref, Set<String> nodes, List<String> peers, List<Selector> selectors) {
    return new BgpAdvertisement(name, length, 128, localPref, new TreeSet<>(Set.of(new BgpCommunity.Standard(64500, 1))), new TreeSet<>(nodes), peers, selectors);
  }

  static BgpAdvertisement ad(String name) {
    return ad(name, 32, 0, Set.of(ME, "node-b"), List.of(), List.of());
  }

  static Config config(BgpAdvertisement... ads) {
    Pool pool = new Pool("lab", List.of(new Pool.AddressEntry("198.51.100.0/24", List.of(Cidr.of("198.51.100.0/24")))), true, false, null,
        List.of(), List.of(ads));
    return new Config(Map.of(), new Config.Pools(Map.of("lab", pool), Map.of(), List.of()), Map.of(), "");
  }

  static L2ServicePlanner.ServiceFacts svc(boolean local, String... ips) {
    return new L2ServicePlanner.ServiceFacts("default/web", true, List.of(ips), Map.of("app", "web"), false, local);
  }

  static World world(List<Endpoint> endpoints, Map<String, String> myLabels, boolean unavailable, boolean ignoreExclude) {
    return new World(ME, endpoints, Map.of(ME, new L2Decision.NodeInfo(myLabels, unavailable)), ignoreExclude);
  }

  static World world(Endpoint... endpoints) {
    return world(List.of(endpoints), Map.of(), false, false);
  }

  static Plan plan(L2ServicePlanner.ServiceFacts svc, Config config, World world) {
    return BgpServicePlanner.plan(Optional.of(svc), config, world);
  }

  @Test
  void announcesEachIpMaskedToTheAggregationLengthWithTheAdsAttributes() {
    BgpAdvertisement host = ad("host");
    BgpAdvertisement aggregate = ad("aggregate", 24, 0, Set.of(ME), List.of("router"), List.of());
    Plan plan = plan(svc(false, "198.51.100.10"), config(host, aggregate), world(REMOTE));
    assertThat(plan).isEqualTo(new Plan.Announce(List.of(IpAddress.of("198.51.100.10")), List.of(
        new Advertisement(Cidr.of("198.51.100.10/32"), 0, List.of(new BgpCommunity.Standard(64500, 1)), List.of()),
        new Advertisement(Cidr.of("198.51.100.0/24"), 0, List.of(new BgpCommunity.Standard(64500, 1)), List.of("router")))));
  }

  @Test
  void pipelineReasonsBeforeShouldAnnounce() {
    Config config = config(ad("all"));
    assertThat(BgpServicePlanner.plan(Optional.empty(), config, world(REMOTE))).isEqualTo(new Plan.Withdraw("serviceDeleted"));
    assertThat(plan(new L2ServicePlanner.ServiceFacts("default/web", false, List.of(), Map.of(), false, false), config, world(REMOTE)))
        .isEqualTo(new Plan.Withdraw("notLoadBalancer"));
    assertThat(plan(svc(false, "198.51.100.10"), null, world(REMOTE))).isEqualTo(new Plan.Ignore());
    assertThat(plan(svc(false), config, world(REMOTE))).isEqualTo(new Plan.Withdraw("noIPAllocated"));
    assertThat(plan(svc(false, "nonsense"), config, world(REMOTE))).isEqualTo(new Plan.Withdraw("invalidIP"));
    assertThat(plan(svc(false, "203.0.113.1"), config, world(REMOTE))).isEqualTo(new Plan.Withdraw("ipNotAllowed"));
  }

  @Test
  void notOwnerWhenNoAdOfThePoolSelectsThisNode() {
    Config config = config(ad("other", 32, 0, Set.of("node-b"), List.of(), List.of()));
    assertThat(plan(svc(false, "198.51.100.10"), config, world(REMOTE))).isEqualTo(new Plan.Withdraw("notOwner"));
    assertThat(plan(svc(false, "198.51.100.10"), config(), world(REMOTE))).isEqualTo(new Plan.Withdraw("notOwner"));
  }

  @Test
  void noMatchingAdvertisementWhenServiceSelectorsExcludeTheService() {
    Selector db = new Selector(new TreeMap<>(Map.of("app", "db")), List.of());
    Config config = config(ad("db", 32, 0, Set.of(ME), List.of(), List.of(db)));
    assertThat(plan(svc(false, "198.51.100.10"), config, world(REMOTE))).isEqualTo(new Plan.Withdraw("noMatchingAdvertisement"));
    Selector web = new Selector(new TreeMap<>(Map.of("app", "web")), List.of());
    assertThat(plan(svc(false, "198.51.100.10"), config(ad("web", 32, 0, Set.of(ME), List.of(), List.of(web))), world(REMOTE)))
        .isInstanceOf(Plan.Announce.class);
  }

  @Test
  void conflictingLocalPrefsOnTheSameLengthAndPeersConflict() {
    BgpAdvertisement a = ad("a", 32, 100, Set.of(ME), List.of(), List.of());
    BgpAdvertisement b = ad("b", 32, 200, Set.of(ME), List.of(), List.of());
    assertThat(plan(svc(false, "198.51.100.10"), config(a, b), world(REMOTE))).isEqualTo(new Plan.Withdraw("conflictingAdvertisements"));
    BgpAdvertisement otherLength = ad("c", 24, 200, Set.of(ME), List.of(), List.of());
    assertThat(plan(svc(false, "198.51.100.10"), config(a, otherLength), world(REMOTE))).isInstanceOf(Plan.Announce.class);
    BgpAdvertisement p1 = ad("p1", 32, 100, Set.of(ME), List.of("r1"), List.of());
    BgpAdvertisement p2 = ad("p2", 32, 200, Set.of(ME), List.of("r2"), List.of());
    assertThat(plan(svc(false, "198.51.100.10"), config(p1, p2), world(REMOTE))).isInstanceOf(Plan.Announce.class);
  }

  @Test
  void nodeConditionsAndTheExcludeLabel() {
    Config config = config(ad("all"));
    assertThat(plan(svc(false, "198.51.100.10"), config, world(List.of(REMOTE), Map.of(), true, false)))
        .isEqualTo(new Plan.Withdraw("nodeNetworkUnavailable"));
    Map<String, String> excluded = Map.of(L2Decision.EXCLUDE_LABEL, "");
    assertThat(plan(svc(false, "198.51.100.10"), config, world(List.of(REMOTE), excluded, false, false)))
        .isEqualTo(new Plan.Withdraw("nodeLabeledExcludeBalancers"));
    assertThat(plan(svc(false, "198.51.100.10"), config, world(List.of(REMOTE), excluded, false, true))).isInstanceOf(Plan.Announce.class);
  }

  @Test
  void endpointsCountOnlyWhenServingWithAnAddress() {
    Config config = config(ad("all"));
    assertThat(plan(svc(false, "198.51.100.10"), config, world())).isEqualTo(new Plan.Withdraw("noEndpoints"));
    assertThat(plan(svc(false, "198.51.100.10"), config, world(new Endpoint("node-b", true, null, 0))))
        .isEqualTo(new Plan.Withdraw("noEndpoints"));
    assertThat(plan(svc(false, "198.51.100.10"), config, world(new Endpoint("node-b", false, null, 1))))
        .isEqualTo(new Plan.Withdraw("noEndpoints"));
    // terminating but serving counts
    assertThat(plan(svc(false, "198.51.100.10"), config, world(new Endpoint("node-b", false, true, 1)))).isInstanceOf(Plan.Announce.class);
  }

  @Test
  void localTrafficPolicyNeedsAServingEndpointWithAnAddressOnThisNode() {
    Config config = config(ad("all"));
    assertThat(plan(svc(true, "198.51.100.10"), config, world(REMOTE))).isEqualTo(new Plan.Withdraw("noLocalEndpoints"));
    assertThat(plan(svc(true, "198.51.100.10"), config, world(new Endpoint(ME, true, null, 0), REMOTE)))
        .isEqualTo(new Plan.Withdraw("noLocalEndpoints"));
    assertThat(plan(svc(true, "198.51.100.10"), config, world(LOCAL))).isInstanceOf(Plan.Announce.class);
  }
}
