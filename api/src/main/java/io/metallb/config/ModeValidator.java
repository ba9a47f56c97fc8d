package io.metallb.config;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.metallb.api.v1beta1.BGPAdvertisement;
import io.metallb.api.v1beta1.Community;
import io.metallb.api.v1beta1.CommunityAlias;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta2.BGPPeer;
import io.metallb.api.v1beta2.BGPPeerSpec;
import io.metallb.net.Cidr;
import io.metallb.net.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * MetalLB's mode validators, run on the raw resources before parsing (spec §4.9):
 * {@code DiscardFRROnly} for the native speaker, {@code DiscardNativeOnly} for the FRR modes.
 * Messages are not prefixed, as in MetalLB.
 */
final class ModeValidator {
  private ModeValidator() {}

  static List<ConfigError> validate(BgpType type, ClusterSnapshot s) {
    return switch (type) {
      case NATIVE -> discardFrrOnly(s);
      case FRR, FRR_K8S -> discardNativeOnly(s);
      case NONE -> List.of();
    };
  }

  static List<ConfigError> discardFrrOnly(ClusterSnapshot s) {
    List<ConfigError> errors = new ArrayList<>();
    for (BGPPeer p : s.peers()) {
      BGPPeerSpec spec = p.getSpec();
      if (spec == null) {
        continue;
      }
      String addr = PeerParser.nz(spec.peerAddress());
      String field = null;
      String what = null;
      if (!PeerParser.nz(spec.bfdProfile()).isEmpty()) {
        field = "spec.bfdProfile";
        what = "bfd-profile set";
      } else if (spec.keepaliveTime() != null && GoDuration.parse(spec.keepaliveTime()).map(d -> !d.isZero()).orElse(true)) {
        field = "spec.keepaliveTime";
        what = "keepalive-time set";
      } else if (!PeerParser.nz(spec.vrf()).isEmpty()) {
        field = "spec.vrf";
        what = "vrf set";
      } else if (spec.connectTime() != null) {
        field = "spec.connectTime";
        what = "connect time set";
      } else if (Boolean.TRUE.equals(spec.enableGracefulRestart())) {
        field = "spec.enableGracefulRestart";
        what = "EnableGracefulRestart flag set";
      } else if (Boolean.TRUE.equals(spec.disableMP())) {
        field = "spec.disableMP";
        what = "disable MP flag set";
      } else if (Boolean.TRUE.equals(spec.dualStackAddressFamily())) {
        field = "spec.dualStackAddressFamily";
        what = "dualstackaddressfamily flag set";
      } else if (!PeerParser.nz(spec.dynamicASN()).isEmpty()) {
        field = "spec.dynamicASN";
        what = "dynamicASN set";
      } else if (!PeerParser.nz(spec.iface()).isEmpty()) {
        field = "spec.interface";
        what = "interface set";
      } else if (spec.localASN() != null && spec.localASN() != 0) {
        field = "spec.localASN";
        what = "localASN set";
      }
      if (what != null) {
        // An interface peer has no address: MetalLB prints "peer  has ..." with two spaces.
        errors.add(new ConfigError("BGPPeer", ConfigParser.name(p), field, "peer " + addr + " has " + what + " on native bgp mode", false));
      }
    }
    if (!s.bfdProfiles().isEmpty()) {
      errors.add(new ConfigError("BFDProfile", ConfigParser.name(s.bfdProfiles().get(0)), "", "bfd profiles section set", false));
    }
    errors.addAll(ipv6Pools(s));
    for (BGPAdvertisement ad : s.bgpAdvertisements()) {
      for (String c : ad.getSpec() == null ? List.<String>of() : GoLists.strings(ad.getSpec().communities())) {
        BgpCommunity.Parsed parsed = BgpCommunity.parse(c);
        if (parsed.community() instanceof BgpCommunity.Large) {
          errors.add(new ConfigError("BGPAdvertisement", ConfigParser.name(ad), "spec.communities",
              "native BGP mode only supports legacy communities, BGP advertisement " + GoFormat.quote(ConfigParser.name(ad)) + " has non legacy community " + GoFormat.quote(c), false));
          break;
        }
      }
    }
    for (Community cr : s.communities()) {
      List<CommunityAlias> aliases = cr.getSpec() == null ? List.of() : GoLists.of(cr.getSpec().communities(), () -> new CommunityAlias("", ""));
      for (CommunityAlias alias : aliases) {
        if (BgpCommunity.parse(PeerParser.nz(alias.value())).community() instanceof BgpCommunity.Large) {
          // [QUIRK] MetalLB prints the whole alias struct, and this also invalidates the controller's config.
          errors.add(new ConfigError("Community", ConfigParser.name(cr), "spec.communities",
              "native BGP mode only supports legacy communities, BGP community CR " + GoFormat.quote(ConfigParser.name(cr)) + " has non legacy community {" + GoFormat.quote(PeerParser.nz(alias.name())) + " " + GoFormat.quote(PeerParser.nz(alias.value())) + "}", false));
          break;
        }
      }
    }
    return errors;
  }

  /** Pools a BGP advertisement selects must be IPv4 only in native mode. */
  private static List<ConfigError> ipv6Pools(ClusterSnapshot s) {
    List<ConfigError> errors = new ArrayList<>();
    if (s.bgpAdvertisements().isEmpty()) {
      return errors;
    }
    Set<String> scope = new TreeSet<>();
    boolean all = false;
    for (BGPAdvertisement ad : s.bgpAdvertisements()) {
      List<String> names = ad.getSpec() == null ? List.of() : GoLists.strings(ad.getSpec().ipAddressPools());
      List<LabelSelector> selectors = ad.getSpec() == null ? List.of() : GoLists.selectors(ad.getSpec().ipAddressPoolSelectors());
      if (names.isEmpty() && selectors.isEmpty()) {
        all = true;
      }
      scope.addAll(names);
      for (LabelSelector sel : selectors) {
        if (LabelSelectors.validationError(sel).isPresent()) {
          errors.add(new ConfigError("BGPAdvertisement", ConfigParser.name(ad), "spec.ipAddressPoolSelectors", "invalid label selector " + GoFormat.selectorV(sel), false));
          continue;
        }
        Selector selector = Selector.of(sel);
        for (IPAddressPool pool : s.pools()) {
          if (selector.matches(ConfigParser.labels(pool))) {
            scope.add(ConfigParser.name(pool));
          }
        }
      }
    }
    for (IPAddressPool pool : s.pools()) {
      String name = ConfigParser.name(pool);
      if (!all && !scope.contains(name)) {
        continue;
      }
      List<String> addresses = pool.getSpec() == null ? List.of() : GoLists.strings(pool.getSpec().addresses());
      entries:
      for (String entry : addresses) {
        try {
          for (Cidr cidr : AddressParsing.parse(entry)) {
            if (cidr.family() == IpFamily.IPV6) {
              errors.add(new ConfigError("IPAddressPool", name, "spec.addresses",
                  "pool " + GoFormat.quote(name) + " has ipv6 CIDR " + cidr + ", native bgp mode does not support ipv6", false));
              break entries;
            }
          }
        } catch (AddressParsing.InvalidAddressException e) {
          errors.add(new ConfigError("IPAddressPool", name, "spec.addresses",
              "invalid CIDR " + GoFormat.quote(entry) + " in pool " + GoFormat.quote(name) + ": " + e.getMessage(), false));
          break;
        }
      }
    }
    return errors;
  }

  /** Peers that may run on one node must agree on router ID and ASN, and not repeat (FRR modes). */
  static List<ConfigError> discardNativeOnly(ClusterSnapshot s) {
    List<ConfigError> errors = new ArrayList<>();
    Map<String, Map<String, String>> nodes = ConfigParser.labelsByName(s.nodes());
    List<BGPPeer> peers = s.peers().stream().filter(p -> p.getSpec() != null).toList();
    for (int j = 1; j < peers.size(); j++) {
      BGPPeer b = peers.get(j);
      for (int i = 0; i < j; i++) {
        BGPPeer a = peers.get(i);
        if (!shareNode(a, b, nodes)) {
          continue;
        }
        String message = null;
        String field = null;
        String ridA = PeerParser.nz(b.getSpec().routerID());
        String ridB = PeerParser.nz(a.getSpec().routerID());
        if (!ridA.equals(ridB)) {
          field = "spec.routerID";
          message = "peer " + ridA + " has RouterID different from " + ridB + ", in FRR mode peers selecting the same node must all have the same RouterID";
        } else if (identifier(a).equals(identifier(b))) {
          field = "spec.peerAddress";
          message = "peer " + identifier(b) + " already exists, FRR mode doesn't support duplicate BGPPeers selecting the same node";
        } else if (PeerParser.nz(a.getSpec().vrf()).equals(PeerParser.nz(b.getSpec().vrf()))
            && !java.util.Objects.equals(a.getSpec().myASN(), b.getSpec().myASN())) {
          field = "spec.myASN";
          message = "peer " + identifier(b) + " has myAsn different from " + identifier(a) + ", in FRR mode peers selecting the same node must have the same myAsn within the same VRF";
        }
        if (message != null) {
          errors.add(new ConfigError("BGPPeer", ConfigParser.name(b), field, message, false));
          break;
        }
      }
    }
    return errors;
  }

  /** MetalLB's peer identifier: address (or interface), with {@code -<vrf>} when a VRF is set. */
  static String identifier(BGPPeer p) {
    String id = PeerParser.nz(p.getSpec().peerAddress()).isEmpty() ? PeerParser.nz(p.getSpec().iface()) : p.getSpec().peerAddress();
    String vrf = PeerParser.nz(p.getSpec().vrf());
    return vrf.isEmpty() ? id : id + "-" + vrf;
  }

  /** With no nodes known, peers are assumed to share one. */
  private static boolean shareNode(BGPPeer a, BGPPeer b, Map<String, Map<String, String>> nodes) {
    if (nodes.isEmpty()) {
      return true;
    }
    return nodes.values().stream().anyMatch(labels -> selects(a, labels) && selects(b, labels));
  }

  private static boolean selects(BGPPeer p, Map<String, String> nodeLabels) {
    List<LabelSelector> selectors = GoLists.selectors(p.getSpec().nodeSelectors());
    if (selectors.isEmpty()) {
      return true;
    }
    return selectors.stream().anyMatch(sel -> LabelSelectors.validationError(sel).isEmpty() && LabelSelectors.matches(sel, nodeLabels));
  }
}
