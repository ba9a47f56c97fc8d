package io.metallb.config;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Secret;
import io.metallb.api.v1beta2.BGPPeer;
import io.metallb.api.v1beta2.BGPPeerSpec;
import io.metallb.net.IpAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** MetalLB's {@code peerFromCR} (spec §4.3): one BGPPeer to a {@link Peer}, checks in MetalLB's order. */
final class PeerParser {
  static final String BASIC_AUTH = "kubernetes.io/basic-auth";
  static final int DEFAULT_PORT = 179;

  private PeerParser() {}

  static Peer parse(BGPPeer cr, Map<String, Secret> secrets, boolean secretPassthrough) throws ParseFailure {
    String name = ConfigParser.name(cr);
    String namespace = cr.getMetadata() == null ? "" : nz(cr.getMetadata().getNamespace());
    try {
      return parseSpec(name, namespace, cr.getSpec(), secrets, secretPassthrough);
    } catch (ParseFailure f) {
      throw f.prefixed("parsing peer " + name + " ");
    }
  }

  private static Peer parseSpec(String name, String namespace, BGPPeerSpec spec, Map<String, Secret> secrets, boolean passthrough) throws ParseFailure {
    if (spec == null) {
      throw new ParseFailure("spec.myASN", "missing local ASN");
    }
    long myAsn = spec.myASN() == null ? 0 : spec.myASN();
    long asn = spec.peerASN() == null ? 0 : spec.peerASN();
    String dynamicAsn = nz(spec.dynamicASN());
    if (myAsn == 0) {
      throw new ParseFailure("spec.myASN", "missing local ASN");
    }
    if (asn == 0 && dynamicAsn.isEmpty()) {
      throw new ParseFailure("spec.peerASN", "missing peer ASN and dynamicASN");
    }
    if (asn != 0 && !dynamicAsn.isEmpty()) {
      throw new ParseFailure("spec.dynamicASN", "both peer ASN and dynamicASN specified");
    }
    if (!dynamicAsn.isEmpty() && !dynamicAsn.equals("internal") && !dynamicAsn.equals("external")) {
      throw new ParseFailure("spec.dynamicASN", "invalid dynamicASN " + dynamicAsn);
    }
    boolean multiHop = Boolean.TRUE.equals(spec.ebgpMultiHop());
    if (asn == myAsn && multiHop) {
      throw new ParseFailure("spec.ebgpMultiHop", "invalid ebgp-multihop parameter set for an ibgp peer");
    }
    String addressText = nz(spec.peerAddress());
    String iface = nz(spec.iface());
    if (addressText.isEmpty() && iface.isEmpty()) {
      throw new ParseFailure("spec.peerAddress", "peer has no Address or Interface specified");
    }
    if (!addressText.isEmpty() && !iface.isEmpty()) {
      throw new ParseFailure("spec.interface", "peer has both Address and Interface specified");
    }
    if (hasLineBreak(iface)) {
      throw new ParseFailure("spec.interface", "interface for peer " + GoFormat.quote(namespace) + "/" + GoFormat.quote(name) + " contains invalid characters");
    }
    Duration hold = duration(spec.holdTime(), "spec.holdTime");
    Duration keepalive = duration(spec.keepaliveTime(), "spec.keepaliveTime");
    Duration connect = duration(spec.connectTime(), "spec.connectTime");
    Duration[] timers;
    try {
      timers = Timers.resolve(hold, keepalive);
    } catch (ParseFailure f) {
      throw f.prefixed("invalid BGPPeer timers: ");
    }
    IpAddress address = null;
    if (!addressText.isEmpty()) {
      address = IpAddress.parse(addressText).orElseThrow(() -> new ParseFailure("spec.peerAddress", "invalid BGPPeer address " + GoFormat.quote(addressText)));
    }
    IpAddress routerId = null;
    if (!nz(spec.routerID()).isEmpty()) {
      routerId = IpAddress.parse(spec.routerID()).orElseThrow(() -> new ParseFailure("spec.routerID", "invalid router ID " + GoFormat.quote(spec.routerID())));
    }
    IpAddress source = null;
    if (!nz(spec.sourceAddress()).isEmpty()) {
      source = IpAddress.parse(spec.sourceAddress()).orElseThrow(() -> new ParseFailure("spec.sourceAddress", "invalid source IP " + GoFormat.quote(spec.sourceAddress())));
    }
    List<LabelSelector> rawSelectors = GoLists.selectors(spec.nodeSelectors());
    SelectorRules.checkDuplicates(rawSelectors, "nodeSelectors", "spec.nodeSelectors");
    List<Selector> nodeSelectors = new ArrayList<>();
    for (LabelSelector s : rawSelectors) {
      Optional<String> error = LabelSelectors.validationError(s);
      if (error.isPresent()) {
        throw new ParseFailure("spec.nodeSelectors", error.get()).joined("failed to convert peer " + name + " node selector");
      }
      nodeSelectors.add(Selector.of(s));
    }
    if (nodeSelectors.isEmpty()) {
      nodeSelectors.add(Selector.EVERYTHING);
    }
    String password = nz(spec.password());
    String secretName = spec.passwordSecret() == null ? "" : nz(spec.passwordSecret().getName());
    String secretNamespace = spec.passwordSecret() == null ? "" : nz(spec.passwordSecret().getNamespace());
    if (!password.isEmpty() && !secretName.isEmpty()) {
      throw new ParseFailure("spec.passwordSecret", "can not have both password and secret ref set in peer config " + GoFormat.quote(namespace) + "/" + GoFormat.quote(name));
    }
    if (hasLineBreak(password)) {
      throw new ParseFailure("spec.password", "password for peer " + GoFormat.quote(namespace) + "/" + GoFormat.quote(name) + " contains invalid characters");
    }
    String secretPassword = "";
    if (!secretName.isEmpty() && !passthrough) {
      try {
        secretPassword = passwordFromSecret(name, namespace, secretName, secrets);
      } catch (ParseFailure f) {
        throw f.joined("failed to parse peer " + name + " password secret");
      }
      if (hasLineBreak(secretPassword)) {
        throw new ParseFailure("spec.passwordSecret", "password secret for peer " + GoFormat.quote(namespace) + "/" + GoFormat.quote(name) + " contains invalid characters");
      }
    }
    String vrf = nz(spec.vrf());
    if (hasLineBreak(vrf)) {
      throw new ParseFailure("spec.vrf", "VRF name for peer " + GoFormat.quote(namespace) + "/" + GoFormat.quote(name) + " contains invalid characters");
    }
    return new Peer(
        name, myAsn, asn, dynamicAsn, address, iface, source,
        spec.peerPort() == null ? DEFAULT_PORT : spec.peerPort(),
        timers[0], timers[1], connect, routerId, nodeSelectors, password, secretPassword, secretName, secretNamespace,
        nz(spec.bfdProfile()), Boolean.TRUE.equals(spec.enableGracefulRestart()), multiHop, vrf,
        Boolean.TRUE.equals(spec.dualStackAddressFamily()), Boolean.TRUE.equals(spec.disableMP()),
        spec.localASN() == null ? 0 : spec.localASN());
  }

  /** The secret is looked up by name only, as MetalLB does; its namespace is not compared. */
  private static String passwordFromSecret(String peer, String peerNamespace, String secretName, Map<String, Secret> secrets) throws ParseFailure {
    Secret secret = secrets.get(secretName);
    if (secret == null) {
      throw new ParseFailure("spec.passwordSecret", "secret ref not found for peer config " + GoFormat.quote(peerNamespace) + "/" + GoFormat.quote(peer), true);
    }
    String ns = secret.getMetadata() == null ? "" : nz(secret.getMetadata().getNamespace());
    if (!BASIC_AUTH.equals(secret.getType())) {
      // The trailing space is in MetalLB's message.
      throw new ParseFailure("spec.passwordSecret", "secret type mismatch on " + GoFormat.quote(ns) + "/" + GoFormat.quote(secretName) + ", type " + GoFormat.quote(BASIC_AUTH) + " is expected ");
    }
    if (secret.getData() != null && secret.getData().containsKey("password")) {
      return new String(Base64.getDecoder().decode(secret.getData().get("password").strip()), StandardCharsets.UTF_8);
    }
    if (secret.getStringData() != null && secret.getStringData().containsKey("password")) {
      return secret.getStringData().get("password");
    }
    throw new ParseFailure("spec.passwordSecret", "password not specified in the secret " + GoFormat.quote(ns) + "/" + GoFormat.quote(secretName));
  }

  /** A duration field; text Go's JSON decoding of {@code metav1.Duration} would reject fails here. */
  static Duration duration(String text, String field) throws ParseFailure {
    if (text == null) {
      return null;
    }
    return GoDuration.parse(text).orElseThrow(() -> new ParseFailure(field, "time: invalid duration " + GoFormat.quote(text)));
  }

  private static boolean hasLineBreak(String s) {
    return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }
}
