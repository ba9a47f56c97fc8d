package io.metallb.controller.allocator;

import static io.metallb.controller.allocator.TestPools.shared;
import static io.metallb.controller.allocator.TestPools.svc;
import static io.metallb.controller.allocator.TestPools.v4;
import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.net.IpAddress;
import io.metallb.net.IpFamily;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The allocator's rules as ordered scenarios (state carries from step to step, as in MetalLB's
 * allocator tests). Each step shows the addresses a Service got, or MetalLB's error.
 */
class AllocatorTest {
  interface Action {
    Object run(Allocator a) throws AllocationException;
  }

  record Step(String name, Action action, String expected) {}

  static Step step(String name, Action action, String expected) {
    return new Step(name, action, expected);
  }

  static List<IpAddress> ips(String... ips) {
    return Arrays.stream(ips).map(IpAddress::of).toList();
  }

  static String result(Allocator a, Action action) {
    try {
      Object r = action.run(a);
      if (r instanceof List<?> l) {
        return String.join(",", l.stream().map(String::valueOf).toList());
      }
      return String.valueOf(r);
    } catch (AllocationException e) {
      return "error: " + e.getMessage();
    }
  }

  static Stream<DynamicTest> scenario(Allocator a, Step... steps) {
    return Arrays.stream(steps).map(s -> DynamicTest.dynamicTest(s.name(), () -> assertThat(result(a, s.action())).as(s.name()).isEqualTo(s.expected())));
  }

  @TestFactory
  Stream<DynamicTest> assignment() {
    Allocator a = new Allocator();
    a.setPools(TestPools.of(
        "test", "addresses: [1.2.3.4/31, '1000::4/127']",
        "test2", "addresses: [1.2.4.0/24], avoidBuggyIPs: true",
        "ns-only", "addresses: [1.2.5.0/31], serviceAllocation: {namespaces: [prod]}"));
    return scenario(a,
        step("s1 gets an address", x -> { x.assign(v4("ns/s1"), ips("1.2.3.4")); return x.ips("ns/s1"); }, "1.2.3.4"),
        step("s1 idempotent reassign", x -> { x.assign(v4("ns/s1"), ips("1.2.3.4")); return x.ips("ns/s1"); }, "1.2.3.4"),
        step("s2 can't grab s1's address", x -> { x.assign(v4("ns/s2"), ips("1.2.3.4")); return x.ips("ns/s2"); },
            "error: can't change sharing key for \"ns/s2\", address also in use by ns/s1"),
        step("s2 takes the other", x -> { x.assign(v4("ns/s2"), ips("1.2.3.5")); return x.ips("ns/s2"); }, "1.2.3.5"),
        step("s3 outside every pool", x -> { x.assign(v4("ns/s3"), ips("1.2.9.1")); return ""; }, "error: [\"1.2.9.1\"] is not allowed in config"),
        step("buggy .0 is not in an avoidBuggyIPs pool", x -> { x.assign(v4("ns/s3"), ips("1.2.4.0")); return ""; }, "error: [\"1.2.4.0\"] is not allowed in config"),
        step("buggy .255 likewise", x -> { x.assign(v4("ns/s3"), ips("1.2.4.255")); return ""; }, "error: [\"1.2.4.255\"] is not allowed in config"),
        step("a .1 is fine", x -> { x.assign(v4("ns/s3"), ips("1.2.4.1")); return x.pool("ns/s3"); }, "test2"),
        step("s3 moves, freeing .1", x -> { x.assign(v4("ns/s3"), ips("1.2.4.2")); return x.ips("ns/s3"); }, "1.2.4.2"),
        step("namespace-restricted pool refuses others", x -> { x.assign(v4("dev/s4"), ips("1.2.5.0")); return ""; }, "error: pool ns-only not compatible for ip assignment"),
        step("namespace-restricted pool admits its namespace", x -> { x.assign(v4("prod/s4"), ips("1.2.5.0")); return x.pool("prod/s4"); }, "ns-only"),
        step("dual-stack pair", x -> { x.assign(svc("ns/d1", ServiceFamily.DUAL, FamilyPolicy.REQUIRE_DUAL_STACK, "", ""), ips("1000::4", "1.2.4.5")); return ""; },
            "error: [\"1000::4\" \"1.2.4.5\"] is not allowed in config"),
        step("two of one family", x -> { x.assign(v4("ns/d1"), ips("1.2.4.5", "1.2.4.6")); return ""; }, "error: \"1.2.4.5\" \"1.2.4.6\" has the same family"),
        step("three addresses", x -> { x.assign(v4("ns/d1"), ips("1.2.4.5", "1.2.4.6", "1.2.4.7")); return ""; }, "error: more than two addresses [\"1.2.4.5\" \"1.2.4.6\" \"1.2.4.7\"]"),
        step("s1 unassigned", x -> x.unassign("ns/s1"), "true"),
        step("s2 now free to take s1's old address", x -> { x.assign(v4("ns/s2"), ips("1.2.3.4")); return x.ips("ns/s2"); }, "1.2.3.4"));
  }

  @TestFactory
  Stream<DynamicTest> sharing() {
    Allocator a = new Allocator();
    a.setPools(TestPools.of("p", "addresses: [10.0.0.0/30]"));
    return scenario(a,
        step("dns-udp with key", x -> { x.assign(shared("ns/udp", "dns", "UDP/53"), ips("10.0.0.0")); return ""; }, ""),
        step("dns-tcp shares: same key, other port", x -> { x.assign(shared("ns/tcp", "dns", "TCP/53"), ips("10.0.0.0")); return x.ips("ns/tcp"); }, "10.0.0.0"),
        step("same port refused", x -> { x.assign(shared("ns/udp2", "dns", "UDP/53"), ips("10.0.0.0")); return ""; }, "error: port UDP/53 is already in use on \"10.0.0.0\""),
        step("other key refused", x -> { x.assign(shared("ns/other", "web", "TCP/80"), ips("10.0.0.0")); return ""; },
            "error: can't change sharing key for \"ns/other\", address also in use by ns/udp,ns/tcp"),
        step("no key refused", x -> { x.assign(v4("ns/nokey", "TCP/80"), ips("10.0.0.0")); return ""; },
            "error: can't change sharing key for \"ns/nokey\", address also in use by ns/udp,ns/tcp"),
        step("other backend refused", x -> { x.assign(svc("ns/local", ServiceFamily.IPV4, FamilyPolicy.SINGLE_STACK, "dns", "app=x", "TCP/80"), ips("10.0.0.0")); return ""; },
            "error: can't change sharing key for \"ns/local\", address also in use by ns/udp,ns/tcp"),
        step("an automatic sibling gravitates to the shared address", x -> x.allocate(shared("ns/http", "dns", "TCP/80")), "10.0.0.0"),
        step("a Service without key gets the next one", x -> x.allocate(v4("ns/plain", "TCP/80")), "10.0.0.1"),
        step("the only user may change its own key", x -> { x.assign(shared("ns/plain", "newkey", "TCP/80"), ips("10.0.0.1")); return x.allocationKey("ns/plain").sharing(); }, "newkey"));
  }

  @TestFactory
  Stream<DynamicTest> automaticAllocation() {
    Allocator a = new Allocator();
    a.setPools(TestPools.of(
        "a", "addresses: [10.0.0.0/31]",
        "b", "addresses: [10.0.1.0/31], serviceAllocation: {priority: 1, namespaces: [prod]}",
        "c", "addresses: ['fd00::/127']",
        "d", "addresses: [10.0.2.0/31], autoAssign: false",
        "e", "addresses: [10.0.3.0/32], serviceAllocation: {priority: 2, namespaces: [prod]}",
        "f", "addresses: [10.0.4.0/32], serviceAllocation: {serviceSelectors: [{matchLabels: {tier: web}}]}"));
    return scenario(a,
        step("prod goes to its pinned pool, network address included", x -> x.allocate(v4("prod/web")), "10.0.1.0"),
        step("prod again: priority 1 before 2", x -> x.allocate(v4("prod/web2")), "10.0.1.1"),
        step("priority 1 full: priority 2", x -> x.allocate(v4("prod/web3")), "10.0.3.0"),
        step("pinned full: general pools", x -> x.allocate(v4("prod/web4")), "10.0.0.0"),
        step("idempotent", x -> x.allocate(v4("prod/web4")), "10.0.0.0"),
        step("a selected Service gets its pool", x -> x.allocate(svc("dev/front", Map.of("tier", "web"), ServiceFamily.IPV4, FamilyPolicy.SINGLE_STACK, "", "")), "10.0.4.0"),
        step("dev never uses prod's pools", x -> x.allocate(v4("dev/api")), "10.0.0.1"),
        step("v4 exhausted (auto-assign-off pool untouched)", x -> x.allocate(v4("dev/more")), "error: no available IPs"),
        step("v6 from the v6 pool", x -> x.allocate(svc("dev/v6", ServiceFamily.IPV6, FamilyPolicy.SINGLE_STACK, "", "")), "fd00::"),
        step("dual RequireDualStack needs one pool with both", x -> x.allocate(svc("dev/dual", ServiceFamily.DUAL, FamilyPolicy.REQUIRE_DUAL_STACK, "", "")), "error: no available IPs"),
        step("dual PreferDualStack takes what one pool has", x -> x.allocate(svc("dev/pref", ServiceFamily.DUAL, FamilyPolicy.PREFER_DUAL_STACK, "", "")), "fd00::1"),
        step("the pool annotation may use an auto-assign-off pool", x -> x.allocateFromPool(v4("dev/manual"), "d"), "10.0.2.0"),
        step("unknown pool", x -> x.allocateFromPool(v4("dev/x"), "zz"), "error: unknown pool \"zz\""),
        step("[QUIRK] a v4 Service from a v6-only pool", x -> x.allocateFromPool(v4("dev/y"), "c"), "error: [\"<nil>\"] is not allowed in config"),
        step("dual from a v4-only pool", x -> x.allocateFromPool(svc("dev/z", ServiceFamily.DUAL, FamilyPolicy.REQUIRE_DUAL_STACK, "", ""), "d"),
            "error: no available IPs in pool d for dual IPFamily"));
  }

  @TestFactory
  Stream<DynamicTest> dualStackAndPreferences() {
    Allocator a = new Allocator();
    a.setPools(TestPools.of("dual", "addresses: [10.0.0.0/31, 'fd00::/127']", "v6only", "addresses: ['fd01::/127']"));
    ServiceRequest v6First = new ServiceRequest("ns/v6first", "ns", Map.of(), ServiceFamily.DUAL, FamilyPolicy.PREFER_DUAL_STACK, true, List.of(), new SharingKey("", ""));
    return scenario(a,
        step("RequireDualStack gets v4 then v6", x -> x.allocate(svc("ns/d", ServiceFamily.DUAL, FamilyPolicy.REQUIRE_DUAL_STACK, "", "")), "10.0.0.0,fd00::"),
        step("ipv6-first still lists v4 first", x -> x.allocate(v6First), "10.0.0.1,fd00::1"),
        step("PreferDualStack with nothing of both: primary family first", x -> x.allocate(svc("ns/p", ServiceFamily.DUAL, FamilyPolicy.PREFER_DUAL_STACK, "", "")), "fd01::"),
        step("additional family from an exhausted pool", x -> x.allocateFromPoolForAdditionalFamily(svc("ns/p", ServiceFamily.DUAL, FamilyPolicy.PREFER_DUAL_STACK, "", ""), IpAddress.of("fd01::"), "v6only"),
            "error: [\"fd01::\" \"<nil>\"] is not allowed in config"));
  }

  @Test
  void pinnedPoolsInMetalLbsOrder() throws Exception {
    Allocator a = new Allocator();
    a.setPools(TestPools.of(
        "a", "addresses: [10.0.1.0/32], serviceAllocation: {serviceSelectors: [{matchLabels: {app: x}}]}",
        "b", "addresses: [10.0.2.0/32], serviceAllocation: {priority: 5, serviceSelectors: [{matchLabels: {app: x}}]}",
        "c", "addresses: [10.0.3.0/32], serviceAllocation: {serviceSelectors: [{matchLabels: {app: x}}]}"));
    // [QUIRK] priority 5 first, then the priority-0 pools in reverse (Go's insertion sort with a
    // comparison that says "less" both ways): b, c, a.
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ServiceRequest s = svc("ns/s" + i, Map.of("app", "x"), ServiceFamily.IPV4, FamilyPolicy.SINGLE_STACK, "", "");
      a.allocate(s);
      order.add(a.pool(s.key()));
    }
    assertThat(order).containsExactly("b", "c", "a");
  }

  @Test
  void configChangesKeepReHomeOrDropAssignments() throws Exception {
    List<String> refreshed = new ArrayList<>();
    Allocator a = new Allocator(refreshed::add);
    a.setPools(TestPools.of("old", "addresses: [10.0.0.0/30]", "gone", "addresses: [10.0.1.0/30]"));
    a.assign(v4("ns/keep"), ips("10.0.0.1"));
    a.assign(v4("ns/drop"), ips("10.0.1.1"));
    refreshed.clear();
    a.setPools(TestPools.of("renamed", "addresses: [10.0.0.0/29]"));
    assertThat(a.pool("ns/keep")).isEqualTo("renamed");
    assertThat(a.ips("ns/keep")).isEqualTo(ips("10.0.0.1"));
    assertThat(a.pool("ns/drop")).isEmpty();
    assertThat(refreshed).contains("gone", "renamed");
    assertThat(a.counters("renamed")).isEqualTo(new PoolCounters(1, 0, 7, 0));
  }

  @Test
  void countersAndCapacities() throws Exception {
    Allocator a = new Allocator();
    a.setPools(TestPools.of(
        "buggy", "addresses: [10.0.0.0/23], avoidBuggyIPs: true",
        "small", "addresses: [10.0.3.255-10.0.4.1], avoidBuggyIPs: true",
        "huge", "addresses: ['fd00::/64', 10.9.0.0/30]"));
    assertThat(a.capacityOf("buggy")).containsExactly(508, 508, 0);
    // [QUIRK] MetalLB subtracts a buggy /32 twice (first and last address): 10.0.3.255/32 counts -1, 10.0.4.0/31 counts 1.
    assertThat(a.capacityOf("small")).containsExactly(0, 0, 0);
    assertThat(a.capacityOf("huge")).containsExactly(Long.MAX_VALUE, 4, Long.MAX_VALUE);
    a.allocate(v4("ns/a"));
    a.assign(shared("ns/b", "k", "TCP/1"), ips("10.0.0.2"));
    a.assign(shared("ns/c", "k", "TCP/2"), ips("10.0.0.2"));
    assertThat(a.ips("ns/a")).isEqualTo(ips("10.0.0.1"));
    assertThat(a.counters("buggy")).isEqualTo(new PoolCounters(2, 0, 506, 0));
    assertThat(a.inUse("buggy", null)).isEqualTo(2);
    assertThat(a.inUse("buggy", IpFamily.IPV6)).isZero();
  }

  @Test
  void freedAddressesAreFoundAgainLowestFirst() throws Exception {
    Allocator a = new Allocator();
    a.setPools(TestPools.of("p", "addresses: [10.0.0.0/28]"));
    for (int i = 0; i < 16; i++) {
      a.allocate(v4("ns/s" + i));
    }
    assertThat(result(a, x -> x.allocate(v4("ns/late")))).isEqualTo("error: no available IPs");
    a.unassign("ns/s9");
    a.unassign("ns/s3");
    assertThat(a.allocate(v4("ns/n1"))).isEqualTo(ips("10.0.0.3"));
    assertThat(a.allocate(v4("ns/n2"))).isEqualTo(ips("10.0.0.9"));
  }
}
