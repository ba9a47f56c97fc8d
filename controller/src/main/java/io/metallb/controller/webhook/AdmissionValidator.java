package io.metallb.controller.webhook;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretReference;
import io.metallb.api.manifest.SnapshotLoader;
import io.metallb.api.v1beta1.BGPAdvertisement;
import io.metallb.api.v1beta1.BGPAdvertisementSpec;
import io.metallb.api.v1beta1.Community;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta1.L2Advertisement;
import io.metallb.api.v1beta2.BGPPeer;
import io.metallb.api.v1beta2.BGPPeerSpec;
import io.metallb.config.BgpType;
import io.metallb.config.ClusterSnapshot;
import io.metallb.config.ConfigParser;
import io.metallb.config.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What MetalLB's validating webhooks decide (spec §16), pure: an object, the operation and the
 * objects that exist in MetalLB's namespace in; allowed or denied with MetalLB's message out.
 * Every rule is the configuration parser's: the webhook only picks the kinds to parse and strips
 * the fields whose errors depend on creation order (spec §4.12).
 */
public final class AdmissionValidator {
  /** The denial's or the warning's text, MetalLB's. */
  public record Decision(boolean allowed, String message, List<String> warnings) {
    public Decision {
      warnings = List.copyOf(warnings);
    }

    static Decision allow(String... warnings) {
      return new Decision(true, "", List.of(warnings));
    }

    static Decision deny(String message) {
      return new Decision(false, message, List.of());
    }
  }

  /** Existing objects of MetalLB's namespace (and the cluster's Nodes), as listed without cache. */
  public record Existing(
      List<IPAddressPool> pools, List<BGPPeer> peers, List<BGPAdvertisement> bgpAdvertisements,
      List<L2Advertisement> l2Advertisements, List<Community> communities, List<io.fabric8.kubernetes.api.model.Node> nodes) {}

  static final String DISABLE_MP_WARNING = "disable mp is deprecated and has no effect since it's the default behavior now";

  private final String namespace;
  private final BgpType bgpType;

  public AdmissionValidator(String namespace, BgpType bgpType) {
    this.namespace = namespace;
    this.bgpType = bgpType;
  }

  /**
   * @param kind the resource kind ({@code IPAddressPool}, …)
   * @param operation CREATE, UPDATE or DELETE
   * @param object the object (for DELETE, the old one)
   */
  public Decision validate(String kind, String operation, JsonNode object, Existing existing) {
    if (operation.equals("DELETE")) {
      return kind.equals("BFDProfile") ? bfdProfileDelete(object, existing) : Decision.allow();
    }
    boolean create = operation.equals("CREATE");
    String objectNamespace = object.path("metadata").path("namespace").asString("");
    if (kind.equals("BGPPeer")) {
      BGPPeer peer = SnapshotLoader.decode(object, BGPPeer.class);
      boolean disableMp = peer.getSpec() != null && Boolean.TRUE.equals(peer.getSpec().disableMP());
      if (create && disableMp) {
        // [QUIRK] spec §16: MetalLB allows it with a warning and validates nothing else.
        return Decision.allow(DISABLE_MP_WARNING);
      }
      if (create && !objectNamespace.equals(namespace)) {
        return wrongNamespace();
      }
      Decision d = parse(new ClusterSnapshot(List.of(), withoutTransientFields(replace(existing.peers(), peer)), List.of(), List.of(), List.of(), List.of(), Map.of(), existing.nodes(), List.of(), null));
      return disableMp && d.allowed() ? Decision.allow(DISABLE_MP_WARNING) : d;
    }
    if (create && !objectNamespace.equals(namespace)) {
      return wrongNamespace();
    }
    return switch (kind) {
      case "IPAddressPool" -> parse(new ClusterSnapshot(replace(existing.pools(), SnapshotLoader.decode(object, IPAddressPool.class)), List.of(), List.of(),
          aliasesStripped(existing.bgpAdvertisements()), List.of(), List.of(), Map.of(), existing.nodes(), List.of(), null));
      case "BGPAdvertisement" -> parse(new ClusterSnapshot(existing.pools(), List.of(), List.of(),
          aliasesStripped(replace(existing.bgpAdvertisements(), SnapshotLoader.decode(object, BGPAdvertisement.class))), List.of(), List.of(), Map.of(), existing.nodes(), List.of(), null));
      case "L2Advertisement" -> parse(new ClusterSnapshot(existing.pools(), List.of(), List.of(), List.of(),
          replace(existing.l2Advertisements(), SnapshotLoader.decode(object, L2Advertisement.class)), List.of(), Map.of(), List.of(), List.of(), null));
      case "Community" -> parse(new ClusterSnapshot(List.of(), List.of(), List.of(), List.of(), List.of(),
          replace(existing.communities(), SnapshotLoader.decode(object, Community.class)), Map.of(), List.of(), List.of(), null));
      case "BFDProfile" -> Decision.allow();
      default -> Decision.deny("unknown kind " + kind);
    };
  }

  private Decision wrongNamespace() {
    return Decision.deny("resource must be created in " + namespace + " namespace");
  }

  private Decision bfdProfileDelete(JsonNode object, Existing existing) {
    String name = object.path("metadata").path("name").asString("");
    for (BGPPeer peer : existing.peers()) {
      if (peer.getSpec() != null && name.equals(peer.getSpec().bfdProfile())) {
        return Decision.deny("failed to delete BFDProfile " + name + ", used by BGPPeer " + peer.getMetadata().getName());
      }
    }
    return Decision.allow();
  }

  private Decision parse(ClusterSnapshot snapshot) {
    return switch (ConfigParser.parse(snapshot, ConfigParser.Options.of(bgpType))) {
      case ParseResult.Valid v -> Decision.allow();
      case ParseResult.Invalid i -> Decision.deny(i.errors().get(0).message());
    };
  }

  /** The existing objects with {@code incoming} in place of the one of the same name, or added. */
  static <T extends HasMetadata> List<T> replace(List<T> existing, T incoming) {
    List<T> out = new ArrayList<>();
    boolean replaced = false;
    for (T o : existing) {
      if (Objects.equals(o.getMetadata().getName(), incoming.getMetadata().getName())) {
        out.add(incoming);
        replaced = true;
      } else {
        out.add(o);
      }
    }
    if (!replaced) {
      out.add(incoming);
    }
    return out;
  }

  /** Peers without bfdProfile and passwordSecret, whose targets may not exist yet. */
  static List<BGPPeer> withoutTransientFields(List<BGPPeer> peers) {
    List<BGPPeer> out = new ArrayList<>();
    for (BGPPeer p : peers) {
      BGPPeerSpec s = p.getSpec();
      if (s == null) {
        out.add(p);
        continue;
      }
      BGPPeer copy = new BGPPeer();
      copy.setMetadata(p.getMetadata());
      copy.setSpec(new BGPPeerSpec(s.myASN(), s.peerASN(), s.localASN(), s.dynamicASN(), s.peerAddress(), s.iface(), s.sourceAddress(), s.peerPort(),
          s.holdTime(), s.keepaliveTime(), s.connectTime(), s.routerID(), s.nodeSelectors(), s.password(), (SecretReference) null, null,
          s.enableGracefulRestart(), s.ebgpMultiHop(), s.vrf(), s.disableMP(), s.dualStackAddressFamily()));
      out.add(copy);
    }
    return out;
  }

  /** BGP advertisements keeping only communities with a ':' (the rest may be aliases not created yet). */
  static List<BGPAdvertisement> aliasesStripped(List<BGPAdvertisement> ads) {
    List<BGPAdvertisement> out = new ArrayList<>();
    for (BGPAdvertisement a : ads) {
      BGPAdvertisementSpec s = a.getSpec();
      if (s == null || s.communities() == null) {
        out.add(a);
        continue;
      }
      BGPAdvertisement copy = new BGPAdvertisement();
      copy.setMetadata(a.getMetadata());
      copy.setSpec(new BGPAdvertisementSpec(s.aggregationLength(), s.aggregationLengthV6(), s.localPref(),
          s.communities().stream().filter(c -> c != null && c.contains(":")).toList(), s.ipAddressPools(), s.ipAddressPoolSelectors(),
          s.nodeSelectors(), s.peers(), s.serviceSelectors()));
      out.add(copy);
    }
    return out;
  }
}
