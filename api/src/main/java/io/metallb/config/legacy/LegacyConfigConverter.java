package io.metallb.config.legacy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.metallb.api.v1beta1.BFDProfile;
import io.metallb.api.v1beta1.BFDProfileSpec;
import io.metallb.api.v1beta1.BGPAdvertisement;
import io.metallb.api.v1beta1.BGPAdvertisementSpec;
import io.metallb.api.v1beta1.Community;
import io.metallb.api.v1beta1.CommunityAlias;
import io.metallb.api.v1beta1.CommunitySpec;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta1.IPAddressPoolSpec;
import io.metallb.api.v1beta1.L2Advertisement;
import io.metallb.api.v1beta1.L2AdvertisementSpec;
import io.metallb.api.v1beta2.BGPPeer;
import io.metallb.api.v1beta2.BGPPeerSpec;
import io.metallb.config.GoDuration;
import io.metallb.config.GoFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * MetalLB's {@code configmaptocrs} (spec §5): the pre-0.13 {@code config} ConfigMap's data to the
 * equivalent custom resources, in the converter's order (peers, pools, BGP advertisements, L2
 * advertisements, BFD profiles, communities) and with its names ({@code peer1},
 * {@code bgpadvertisement1}, {@code l2advertisement1}, {@code communities}). Pure.
 */
public final class LegacyConfigConverter {
  private static final Pattern DNS1123 = Pattern.compile("^[a-z][-a-z0-9]{0,61}[a-z0-9]{1}$");
  private static final Duration DEFAULT_HOLD = Duration.ofSeconds(90);
  private static final Duration MIN_HOLD = Duration.ofSeconds(3);

  private LegacyConfigConverter() {}

  /** The legacy configuration cannot be converted; the message is MetalLB's. */
  public static final class ConversionException extends Exception {
    public ConversionException(String message) {
      super(message, null, false, false);
    }
  }

  /** Converts the YAML tree of the ConfigMap's {@code config} key; objects land in {@code namespace}. */
  public static List<HasMetadata> convert(JsonNode config, String namespace) throws ConversionException {
    try {
      return convertTree(config, namespace);
    } catch (RuntimeException e) {
      // A value of the wrong type (a word where a number belongs): Go's decoder refuses it too.
      throw new ConversionException("cannot read the legacy configuration: " + e.getMessage());
    }
  }

  private static List<HasMetadata> convertTree(JsonNode config, String namespace) throws ConversionException {
    List<BGPPeer> peers = new ArrayList<>();
    List<IPAddressPool> pools = new ArrayList<>();
    List<BGPAdvertisement> bgpAds = new ArrayList<>();
    List<L2Advertisement> l2Ads = new ArrayList<>();
    List<BFDProfile> profiles = new ArrayList<>();

    int index = 0;
    for (JsonNode p : config.path("peers")) {
      index++;
      peers.add(peer(p, "peer" + index, namespace));
    }
    int bgpCounter = 0;
    int l2Counter = 0;
    for (JsonNode pool : config.path("address-pools")) {
      String name = k8sName("IpAddressPool", pool.path("name").asString(""));
      List<String> addresses = new ArrayList<>();
      pool.path("addresses").forEach(a -> addresses.add(a.asString("")));
      Boolean autoAssign = pool.has("auto-assign") ? pool.get("auto-assign").asBoolean() : null;
      Boolean avoidBuggy = pool.has("avoid-buggy-ips") ? pool.get("avoid-buggy-ips").asBoolean() : null;
      pools.add(named(new IPAddressPool(), name, namespace, new IPAddressPoolSpec(addresses, autoAssign, avoidBuggy, null)));
      String protocol = pool.path("protocol").asString("");
      JsonNode ads = pool.path("bgp-advertisements");
      // [QUIRK] every advertisement entry is converted whatever the protocol; only a "bgp" pool
      // without any gets a default one.
      for (JsonNode ad : ads) {
        bgpCounter++;
        List<String> communities = new ArrayList<>();
        ad.path("communities").forEach(c -> communities.add(c.asString("")));
        bgpAds.add(named(new BGPAdvertisement(), "bgpadvertisement" + bgpCounter, namespace, new BGPAdvertisementSpec(
            ad.has("aggregation-length") ? ad.get("aggregation-length").asInt() : null,
            ad.has("aggregation-length-v6") ? ad.get("aggregation-length-v6").asInt() : null,
            ad.has("localpref") ? ad.get("localpref").asLong() : null,
            communities.isEmpty() ? null : communities, List.of(name), null, null, null, null)));
      }
      if (ads.isEmpty() && protocol.equals("bgp")) {
        bgpCounter++;
        bgpAds.add(named(new BGPAdvertisement(), "bgpadvertisement" + bgpCounter, namespace,
            new BGPAdvertisementSpec(null, null, null, null, List.of(name), null, null, null, null)));
      }
      // [QUIRK] only the exact protocol "layer2" gets an L2Advertisement ("l2" gets none).
      if (protocol.equals("layer2")) {
        l2Counter++;
        l2Ads.add(named(new L2Advertisement(), "l2advertisement" + l2Counter, namespace,
            new L2AdvertisementSpec(List.of(name), null, null, null, null, null)));
      }
    }
    for (JsonNode b : config.path("bfd-profiles")) {
      profiles.add(named(new BFDProfile(), k8sName("BFDProfile", b.path("name").asString("")), namespace, new BFDProfileSpec(
          optLong(b, "receive-interval"), optLong(b, "transmit-interval"), optLong(b, "detect-multiplier"),
          optLong(b, "echo-interval"), b.path("echo-mode").asBoolean(false), b.path("passive-mode").asBoolean(false),
          optLong(b, "minimum-ttl"))));
    }
    List<HasMetadata> out = new ArrayList<>();
    out.addAll(peers);
    out.addAll(pools);
    out.addAll(bgpAds);
    out.addAll(l2Ads);
    out.addAll(profiles);
    JsonNode aliases = config.path("bgp-communities");
    if (aliases.isObject() && !aliases.isEmpty()) {
      Map<String, String> sorted = new TreeMap<>();
      aliases.propertyStream().forEach(e -> sorted.put(e.getKey(), e.getValue().asString("")));
      List<CommunityAlias> list = sorted.entrySet().stream().map(e -> new CommunityAlias(e.getKey(), e.getValue())).toList();
      out.add(named(new Community(), "communities", namespace, new CommunitySpec(list)));
    }
    return out;
  }

  private static BGPPeer peer(JsonNode p, String name, String namespace) throws ConversionException {
    String holdText = p.path("hold-time").asString("");
    Duration hold = DEFAULT_HOLD;
    if (!holdText.isEmpty()) {
      hold = GoDuration.parse(holdText).orElseThrow(() -> new ConversionException("invalid hold time " + GoFormat.quote(holdText) + ": time: invalid duration " + GoFormat.quote(holdText)));
      hold = Duration.ofSeconds(GoDuration.wholeSeconds(hold));
      if (!hold.isZero() && hold.compareTo(MIN_HOLD) < 0) {
        throw new ConversionException("invalid hold time " + GoFormat.quote(holdText) + ": must be 0 or >=3s");
      }
    }
    String keepaliveText = p.path("keepalive-time").asString("");
    String keepalive = null;
    if (!keepaliveText.isEmpty()) {
      Duration ka = GoDuration.parse(keepaliveText).orElseThrow(() -> new ConversionException("invalid keepalive time " + GoFormat.quote(keepaliveText) + ": time: invalid duration " + GoFormat.quote(keepaliveText)));
      keepalive = GoDuration.format(Duration.ofSeconds(GoDuration.wholeSeconds(ka)));
    }
    List<LabelSelector> selectors = new ArrayList<>();
    for (JsonNode s : p.path("node-selectors")) {
      LabelSelector sel = new LabelSelector();
      if (s.has("match-labels")) {
        Map<String, String> labels = new LinkedHashMap<>();
        s.get("match-labels").propertyStream().forEach(e -> labels.put(e.getKey(), e.getValue().asString("")));
        sel.setMatchLabels(labels);
      }
      List<LabelSelectorRequirement> expressions = new ArrayList<>();
      for (JsonNode e : s.path("match-expressions")) {
        List<String> values = new ArrayList<>();
        e.path("values").forEach(v -> values.add(v.asString("")));
        expressions.add(new LabelSelectorRequirement(e.path("key").asString(""), e.path("operator").asString(""), values));
      }
      sel.setMatchExpressions(expressions);
      selectors.add(sel);
    }
    String bfd = p.path("bfd-profile").asString("");
    return named(new BGPPeer(), name, namespace, new BGPPeerSpec(
        optLong(p, "my-asn"), optLong(p, "peer-asn"), null, null,
        emptyToNull(p.path("peer-address").asString("")), null, emptyToNull(p.path("source-address").asString("")),
        p.has("peer-port") ? p.get("peer-port").asInt() : null,
        GoDuration.format(hold), keepalive, null, emptyToNull(p.path("router-id").asString("")),
        selectors.isEmpty() ? null : selectors, emptyToNull(p.path("password").asString("")), null,
        bfd.isEmpty() ? null : k8sName("BFDProfile", bfd), null,
        p.path("ebgp-multihop").asBoolean(false) ? Boolean.TRUE : null, null, null, null));
  }

  /**
   * The converter's name fixing: a name that is not DNS-1123 is truncated to 63 characters,
   * lowercased, '_' made '-', and cut to start at its first letter. [QUIRK] The result is not
   * checked again, as in MetalLB.
   */
  static String k8sName(String kind, String name) throws ConversionException {
    if (DNS1123.matcher(name).matches()) {
      return name;
    }
    String fixed = name.length() > 63 ? name.substring(0, 63) : name;
    fixed = fixed.toLowerCase(Locale.ROOT).replace('_', '-');
    int firstLetter = -1;
    for (int i = 0; i < fixed.length(); i++) {
      if (fixed.charAt(i) >= 'a' && fixed.charAt(i) <= 'z') {
        firstLetter = i;
        break;
      }
    }
    if (firstLetter < 0) {
      throw new ConversionException("failed to make " + kind + " K8S compatible: " + name);
    }
    return fixed.substring(firstLetter);
  }

  private static <T extends HasMetadata> T named(T object, String name, String namespace, Object spec) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(namespace);
    object.setMetadata(meta);
    switch (object) {
      case BGPPeer p -> p.setSpec((BGPPeerSpec) spec);
      case IPAddressPool p -> p.setSpec((IPAddressPoolSpec) spec);
      case BGPAdvertisement a -> a.setSpec((BGPAdvertisementSpec) spec);
      case L2Advertisement a -> a.setSpec((L2AdvertisementSpec) spec);
      case BFDProfile b -> b.setSpec((BFDProfileSpec) spec);
      case Community c -> c.setSpec((CommunitySpec) spec);
      default -> throw new IllegalArgumentException(object.getClass().getName());
    }
    return object;
  }

  private static Long optLong(JsonNode n, String field) {
    return n.has(field) && !n.get(field).isNull() ? n.get(field).asLong() : null;
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
