package io.metallb.cli;

import io.metallb.config.BfdProfile;
import io.metallb.config.BgpAdvertisement;
import io.metallb.config.Config;
import io.metallb.config.GoDuration;
import io.metallb.config.L2Advertisement;
import io.metallb.config.Peer;
import io.metallb.config.Pool;
import io.metallb.config.Selector;
import io.metallb.config.ServiceAllocation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective configuration as JSON, in lowerCamel names that follow MetalLB's internal model
 * ({@code Pool}, {@code Peer}, {@code L2Advertisement}, {@code BGPAdvertisement}, {@code BFDProfile}).
 */
final class EffectiveConfigJson {
  private EffectiveConfigJson() {}

  static Map<String, Object> of(Config config) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pools", config.pools().byName().values().stream().map(EffectiveConfigJson::pool).toList());
    m.put("peers", config.peers().values().stream().map(EffectiveConfigJson::peer).toList());
    m.put("bfdProfiles", config.bfdProfiles().values().stream().map(EffectiveConfigJson::bfd).toList());
    m.put("poolsByNamespace", config.pools().byNamespace());
    m.put("poolsByServiceSelector", config.pools().byServiceSelector());
    m.put("bgpExtras", config.bgpExtras());
    return m;
  }

  private static Map<String, Object> pool(Pool p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("cidrs", p.cidrs().stream().map(Object::toString).toList());
    m.put("addresses", p.addresses().stream().map(a -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("address", a.text());
      e.put("cidrs", a.cidrs().stream().map(Object::toString).toList());
      return e;
    }).toList());
    m.put("autoAssign", p.autoAssign());
    m.put("avoidBuggyIPs", p.avoidBuggyIPs());
    m.put("serviceAllocation", p.serviceAllocation() == null ? null : allocation(p.serviceAllocation()));
    m.put("l2Advertisements", p.l2Advertisements().stream().map(EffectiveConfigJson::l2).toList());
    m.put("bgpAdvertisements", p.bgpAdvertisements().stream().map(EffectiveConfigJson::bgp).toList());
    return m;
  }

  private static Map<String, Object> allocation(ServiceAllocation a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("priority", a.priority());
    m.put("namespaces", List.copyOf(a.namespaces()));
    m.put("serviceSelectors", selectors(a.serviceSelectors()));
    return m;
  }

  private static Map<String, Object> l2(L2Advertisement a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", a.name());
    m.put("nodes", List.copyOf(a.nodes()));
    m.put("allInterfaces", a.allInterfaces());
    m.put("interfaces", a.interfaces());
    m.put("serviceSelectors", selectors(a.serviceSelectors()));
    m.put("preferredNodes", a.preferredNodes());
    return m;
  }

  private static Map<String, Object> bgp(BgpAdvertisement a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", a.name());
    m.put("aggregationLength", a.aggregationLength());
    m.put("aggregationLengthV6", a.aggregationLengthV6());
    m.put("localPref", a.localPref());
    m.put("communities", a.communities().stream().map(Object::toString).toList());
    m.put("nodes", List.copyOf(a.nodes()));
    m.put("peers", a.peers());
    m.put("serviceSelectors", selectors(a.serviceSelectors()));
    return m;
  }

  private static Map<String, Object> peer(Peer p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("myASN", p.myAsn());
    m.put("asn", p.asn());
    m.put("dynamicASN", p.dynamicAsn());
    m.put("address", p.address() == null ? "" : p.address().toString());
    m.put("iface", p.iface());
    m.put("srcAddress", p.sourceAddress() == null ? "" : p.sourceAddress().toString());
    m.put("port", p.port());
    m.put("holdTime", duration(p.holdTime()));
    m.put("keepaliveTime", duration(p.keepaliveTime()));
    m.put("connectTime", duration(p.connectTime()));
    m.put("routerID", p.routerId() == null ? "" : p.routerId().toString());
    m.put("nodeSelectors", selectors(p.nodeSelectors()));
    m.put("hasPassword", !p.password().isEmpty() || !p.secretPassword().isEmpty());
    m.put("passwordSecret", p.passwordSecretName().isEmpty() ? null : Map.of("name", p.passwordSecretName(), "namespace", p.passwordSecretNamespace()));
    m.put("bfdProfile", p.bfdProfile());
    m.put("enableGracefulRestart", p.enableGracefulRestart());
    m.put("ebgpMultiHop", p.ebgpMultiHop());
    m.put("vrf", p.vrf());
    m.put("dualStackAddressFamily", p.dualStackAddressFamily());
    m.put("disableMP", p.disableMP());
    m.put("localASN", p.localAsn());
    return m;
  }

  private static Map<String, Object> bfd(BfdProfile b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", b.name());
    m.put("receiveInterval", b.receiveInterval());
    m.put("transmitInterval", b.transmitInterval());
    m.put("detectMultiplier", b.detectMultiplier());
    m.put("echoInterval", b.echoInterval());
    m.put("echoMode", b.echoMode());
    m.put("passiveMode", b.passiveMode());
    m.put("minimumTtl", b.minimumTtl());
    return m;
  }

  /** Selectors in apimachinery's string form; the match-everything selector is "". */
  private static List<String> selectors(List<Selector> selectors) {
    return selectors.stream().map(Selector::toString).toList();
  }

  private static String duration(Duration d) {
    return d == null ? null : GoDuration.format(d);
  }
}
