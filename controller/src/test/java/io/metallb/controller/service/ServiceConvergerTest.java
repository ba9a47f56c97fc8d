package io.metallb.controller.service;

import static io.metallb.controller.service.Services.ingress;
import static io.metallb.controller.service.Services.svc;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.metallb.controller.allocator.Allocator;
import io.metallb.controller.allocator.TestPools;
import io.metallb.sync.SyncState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the controller writes on a Service and the Events it records, pass by pass (spec §7.5–7.7,
 * §7.14). A pass's written Service is what the next pass reads, as on a cluster.
 */
class ServiceConvergerTest {
  final ServiceConverger c = new ServiceConverger(new Allocator());

  ServiceConverger.Outcome pass(Service s) {
    return c.setBalancer(ServiceFacts.key(s), s);
  }

  static List<String> events(ServiceConverger.Outcome o) {
    return o.events().stream().map(e -> e.type() + " " + e.reason() + ": " + e.message()).toList();
  }

  @Test
  void nothingHappensBeforeTheFirstConfiguration() {
    ServiceConverger.Outcome o = pass(svc("ns/a", ""));
    assertThat(o.state()).isEqualTo(SyncState.SUCCESS);
    assertThat(o.toWrite()).isNull();
  }

  @Test
  void aServiceGetsTheFirstAddressTheAnnotationAndAnEvent() {
    assertThat(c.setPools(TestPools.of("p", "addresses: [198.51.100.0/30]"))).isEqualTo(SyncState.REPROCESS_ALL);
    ServiceConverger.Outcome o = pass(svc("ns/a", ""));
    assertThat(o.state()).isEqualTo(SyncState.SUCCESS);
    assertThat(ingress(o.toWrite())).containsExactly("198.51.100.0");
    assertThat(o.toWrite().getMetadata().getAnnotations()).containsEntry("metallb.io/ip-allocated-from-pool", "p");
    assertThat(events(o)).containsExactly("Normal IPAllocated: Assigned IP [\"198.51.100.0\"]");
    ServiceConverger.Outcome again = pass(o.toWrite());
    assertThat(again.toWrite()).as("converged: nothing to write").isNull();
    assertThat(again.events()).isEmpty();
  }

  @Test
  void requestedAddressesPoolsAndTheirErrors() {
    c.setPools(TestPools.of("p", "addresses: [198.51.100.0/29]", "q", "addresses: [203.0.113.0/29]"));
    assertThat(ingress(pass(svc("ns/ip", "spec: {loadBalancerIP: 198.51.100.5}")).toWrite())).containsExactly("198.51.100.5");
    assertThat(ingress(pass(svc("ns/ann", "metadata: {annotations: {metallb.io/loadBalancerIPs: ' 203.0.113.3 '}}")).toWrite())).containsExactly("203.0.113.3");
    assertThat(ingress(pass(svc("ns/pool", "metadata: {annotations: {metallb.io/address-pool: q}}")).toWrite())).containsExactly("203.0.113.0");

    ServiceConverger.Outcome both = pass(svc("ns/both", "metadata: {annotations: {metallb.io/loadBalancerIPs: 198.51.100.1}}\nspec: {loadBalancerIP: 198.51.100.1}"));
    assertThat(both.state()).isEqualTo(SyncState.ERROR_NO_RETRY);
    assertThat(events(both)).containsExactly(
        "Warning AllocationFailed: Failed to allocate IP for \"ns/both\": service can not have both metallb.io/loadBalancerIPs and svc.Spec.LoadBalancerIP");
    assertThat(events(pass(svc("ns/taken", "spec: {loadBalancerIP: 198.51.100.5}")))).containsExactly(
        "Warning AllocationFailed: Failed to allocate IP for \"ns/taken\": can't change sharing key for \"ns/taken\", address also in use by ns/ip");
    assertThat(events(pass(svc("ns/bad", "spec: {loadBalancerIP: not-an-ip}")))).containsExactly(
        "Warning AllocationFailed: Failed to allocate IP for \"ns/bad\": invalid spec.loadBalancerIP \"not-an-ip\"");
    assertThat(events(pass(svc("ns/mismatch", "metadata: {annotations: {metallb.io/loadBalancerIPs: 198.51.100.6, metallb.io/address-pool: q}}")))).containsExactly(
        "Warning AllocationFailed: Failed to allocate IP for \"ns/mismatch\": requested loadBalancer IP(s) [\"198.51.100.6\"] is not compatible with requested address pool q");
    assertThat(events(pass(svc("ns/v6req", "spec: {loadBalancerIP: '2001:db8::1'}")))).containsExactly(
        "Warning AllocationFailed: Failed to allocate IP for \"ns/v6req\": requested loadBalancer IP(s) [\"2001:db8::1\"] does not match the ipFamily of the service");
    assertThat(events(pass(svc("ns/nopool", "metadata: {annotations: {metallb.io/address-pool: nope}}")))).containsExactly(
        "Warning AllocationFailed: Failed to allocate IP for \"ns/nopool\": unknown pool \"nope\"");
  }

  @Test
  void sharingAndItsReprocessing() {
    c.setPools(TestPools.of("p", "addresses: [198.51.100.0/30]"));
    Service udp = pass(svc("ns/udp", "metadata: {annotations: {metallb.io/allow-shared-ip: dns}}\nspec: {ports: [{protocol: UDP, port: 53}]}")).toWrite();
    ServiceConverger.Outcome tcp = pass(svc("ns/tcp", "metadata: {annotations: {metallb.io/allow-shared-ip: dns}}\nspec: {ports: [{protocol: TCP, port: 53}]}"));
    assertThat(ingress(tcp.toWrite())).isEqualTo(ingress(udp)).containsExactly("198.51.100.0");
    assertThat(tcp.state()).as("the allocation key changed: siblings are reprocessed").isEqualTo(SyncState.REPROCESS_ALL);
    ServiceConverger.Outcome local = pass(svc("ns/local", "metadata: {annotations: {metallb.io/allow-shared-ip: dns}}\nspec: {externalTrafficPolicy: Local, selector: {app: dns}, ports: [{protocol: TCP, port: 853}]}"));
    assertThat(ingress(local.toWrite())).as("other backend key: another address").containsExactly("198.51.100.1");
  }

  @Test
  void deletionFreesAndReprocesses() {
    c.setPools(TestPools.of("p", "addresses: [198.51.100.0/32]"));
    pass(svc("ns/a", ""));
    ServiceConverger.Outcome pending = pass(svc("ns/b", ""));
    assertThat(pending.state()).isEqualTo(SyncState.ERROR_NO_RETRY);
    assertThat(events(pending)).containsExactly("Warning AllocationFailed: Failed to allocate IP for \"ns/b\": no available IPs");
    assertThat(pending.toWrite()).isNull();
    assertThat(c.setBalancer("ns/a", null).state()).isEqualTo(SyncState.REPROCESS_ALL);
    assertThat(c.setBalancer("ns/a", null).state()).isEqualTo(SyncState.SUCCESS);
    assertThat(ingress(pass(svc("ns/b", "")).toWrite())).containsExactly("198.51.100.0");
  }

  @Test
  void typeChangedAwayFromLoadBalancerIsCleared() {
    c.setPools(TestPools.of("p", "addresses: [198.51.100.0/30]"));
    Service assigned = pass(svc("ns/a", "")).toWrite();
    assigned.getSpec().setType("ClusterIP");
    ServiceConverger.Outcome o = pass(assigned);
    assertThat(ingress(o.toWrite())).isEmpty();
    assertThat(o.toWrite().getMetadata().getAnnotations()).doesNotContainKey("metallb.io/ip-allocated-from-pool");
    assertThat(o.state()).isEqualTo(SyncState.REPROCESS_ALL);
  }

  @Test
  void aRestartedControllerKeepsWhatServicesHold() {
    c.setPools(TestPools.of("p", "addresses: [198.51.100.0/30]"));
    Service a = pass(svc("ns/a", "")).toWrite();
    Service b = pass(svc("ns/b", "")).toWrite();
    ServiceConverger restarted = new ServiceConverger(new Allocator());
    restarted.setPools(TestPools.of("p", "addresses: [198.51.100.0/30]"));
    assertThat(restarted.setBalancer("ns/b", b).toWrite()).isNull();
    assertThat(restarted.setBalancer("ns/a", a).toWrite()).isNull();
    assertThat(ingress(restarted.setBalancer("ns/c", svc("ns/c", "")).toWrite())).containsExactly("198.51.100.2");
  }

  @Test
  void aConfigurationThatDropsTheAddressMovesTheService() {
    c.setPools(TestPools.of("p", "addresses: [198.51.100.0/30]"));
    Service a = pass(svc("ns/a", "")).toWrite();
    c.setPools(TestPools.of("other", "addresses: [203.0.113.0/30]"));
    ServiceConverger.Outcome o = pass(a);
    assertThat(events(o)).containsExactly(
        "Normal ClearAssignment: current IP for \"ns/a\" not allowed by config, will attempt for new IP assignment: [\"198.51.100.0\"] is not allowed in config",
        "Normal IPAllocated: Assigned IP [\"203.0.113.0\"]");
    assertThat(ingress(o.toWrite())).containsExactly("203.0.113.0");
    assertThat(o.toWrite().getMetadata().getAnnotations()).containsEntry("metallb.io/ip-allocated-from-pool", "other");
  }

  @Test
  void dualStackPolicies() {
    c.setPools(TestPools.of("dual", "addresses: [198.51.100.0/30, '2001:db8::/126']", "v4", "addresses: [203.0.113.0/30]"));
    String dual = "spec: {clusterIPs: [10.96.0.10, 'fd00::10'], ipFamilies: [IPv4, IPv6], ipFamilyPolicy: RequireDualStack}";
    assertThat(ingress(pass(svc("ns/d", dual)).toWrite())).containsExactly("198.51.100.0", "2001:db8::");
    ServiceConverger.Outcome notEnough = pass(svc("ns/n", "spec: {ipFamilyPolicy: RequireDualStack}"));
    assertThat(events(notEnough)).containsExactly("Warning not enough clusterips: Service requires dual stack but not enough clusterips [10.96.0.10]");
    String prefer = "metadata: {annotations: {metallb.io/address-pool: v4}}\nspec: {clusterIPs: [10.96.0.11, 'fd00::11'], ipFamilies: [IPv4, IPv6], ipFamilyPolicy: PreferDualStack}";
    ServiceConverger.Outcome first = pass(svc("ns/p", prefer));
    assertThat(ingress(first.toWrite())).containsExactly("203.0.113.0");
    // [QUIRK] spec §18 #4: every later pass tries the missing family again and says so; the pool
    // has no IPv6, and MetalLB's allocator then fails on a nil address.
    ServiceConverger.Outcome second = pass(first.toWrite());
    assertThat(events(second)).containsExactly(
        "Normal AdditionalAssignFailed: cannot assign additional IP in PreferDualStack: [\"203.0.113.0\" \"<nil>\"] is not allowed in config");
    assertThat(second.toWrite()).isNull();
  }

  @Test
  void deprecatedAnnotationsWorkAndAreReported() {
    c.setPools(TestPools.of("p", "addresses: [198.51.100.0/30]", "q", "addresses: [203.0.113.0/30]"));
    ServiceConverger.Outcome o = pass(svc("ns/old", "metadata: {annotations: {metallb.universe.tf/address-pool: q}}"));
    assertThat(ingress(o.toWrite())).containsExactly("203.0.113.0");
    assertThat(events(o)).containsExactly(
        "Normal IPAllocated: Assigned IP [\"203.0.113.0\"]",
        "Warning deprecatedAnnotation: Service uses deprecated annotation metallb.universe.tf/address-pool");
    assertThat(o.toWrite().getMetadata().getAnnotations()).containsOnlyKeys("metallb.io/ip-allocated-from-pool", "metallb.universe.tf/address-pool");
  }

  @Test
  void servicesWithoutClusterIpsOrPoolsAreNotAllocated() {
    c.setPools(TestPools.of());
    assertThat(pass(svc("ns/a", "")).state()).isEqualTo(SyncState.ERROR_NO_RETRY);
    c.setPools(TestPools.of("p", "addresses: [198.51.100.0/30]"));
    Service noClusterIp = svc("ns/b", "spec: {clusterIP: '', clusterIPs: []}");
    assertThat(pass(noClusterIp).state()).isEqualTo(SyncState.ERROR_NO_RETRY);
    assertThat(c.setPools(null)).isEqualTo(SyncState.ERROR_NO_RETRY);
  }
}
