package io.metallb.api.manifest;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.metallb.api.conversion.BgpPeerConversion;
import io.metallb.api.schema.SchemaValidator;
import io.metallb.api.v1beta1.BFDProfile;
import io.metallb.api.v1beta1.BGPAdvertisement;
import io.metallb.api.v1beta1.Community;
import io.metallb.api.v1beta1.IPAddressPool;
import io.metallb.api.v1beta1.L2Advertisement;
import io.metallb.config.ClusterSnapshot;
import io.metallb.config.ConfigError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns manifest documents into the {@link ClusterSnapshot} the controller and speakers would see:
 * MetalLB kinds in the MetalLB namespace (a document without a namespace is taken to be in it),
 * v1beta1 BGPPeers converted to v1beta2 as the API server does, Secrets and the {@code bgpextras}
 * ConfigMap of that namespace, all Nodes and Namespaces; Services and EndpointSlices of any
 * namespace ({@code default} when none is given) for planning. Other kinds are accepted and ignored.
 */
public final class SnapshotLoader {
  /** MetalLB's default namespace. */
  public static final String DEFAULT_NAMESPACE = "metallb-system";

  static final JsonMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private static final SchemaValidator SCHEMAS = SchemaValidator.forMetalLbCrds();

  /** Decodes one object as the loader does (unknown fields ignored). */
  public static <T> T decode(JsonNode tree, Class<T> type) {
    return MAPPER.treeToValue(tree, type);
  }

  private SnapshotLoader() {}

  /**
   * The snapshot; the errors the API server would refuse objects for (schema) or that keep them
   * from being read (decode); warnings for documents skipped and fields dropped; the Services.
   */
  public record Loaded(ClusterSnapshot snapshot, List<ConfigError> decodeErrors, List<String> warnings, List<io.fabric8.kubernetes.api.model.Service> services,
      List<EndpointSlice> endpointSlices) {}

  public static Loaded load(List<ManifestDocument> documents, String namespace) {
    return load(documents, namespace, true);
  }

  /**
   * As {@link #load(List, String)}; without {@code schemaChecks} objects the API server would refuse
   * reach the parser anyway (to test the parser's own checks, which informers rely on).
   */
  public static Loaded load(List<ManifestDocument> documents, String namespace, boolean schemaChecks) {
    List<IPAddressPool> pools = new ArrayList<>();
    List<io.metallb.api.v1beta2.BGPPeer> peers = new ArrayList<>();
    List<BFDProfile> bfd = new ArrayList<>();
    List<BGPAdvertisement> bgpAds = new ArrayList<>();
    List<L2Advertisement> l2Ads = new ArrayList<>();
    List<Community> communities = new ArrayList<>();
    Map<String, Secret> secrets = new TreeMap<>();
    List<Node> nodes = new ArrayList<>();
    List<Namespace> namespaces = new ArrayList<>();
    List<io.fabric8.kubernetes.api.model.Service> services = new ArrayList<>();
    List<EndpointSlice> endpointSlices = new ArrayList<>();
    ConfigMap bgpExtras = null;
    List<ConfigError> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();

    for (ManifestDocument doc : documents) {
      String type = doc.apiVersion() + " " + doc.kind();
      Class<? extends HasMetadata> cls = switch (type) {
        case "metallb.io/v1beta1 IPAddressPool" -> IPAddressPool.class;
        case "metallb.io/v1beta1 L2Advertisement" -> L2Advertisement.class;
        case "metallb.io/v1beta1 BGPAdvertisement" -> BGPAdvertisement.class;
        case "metallb.io/v1beta1 BGPPeer" -> io.metallb.api.v1beta1.BGPPeer.class;
        case "metallb.io/v1beta2 BGPPeer" -> io.metallb.api.v1beta2.BGPPeer.class;
        case "metallb.io/v1beta1 BFDProfile" -> BFDProfile.class;
        case "metallb.io/v1beta1 Community" -> Community.class;
        case "v1 Secret" -> Secret.class;
        case "v1 Node" -> Node.class;
        case "v1 Namespace" -> Namespace.class;
        case "v1 ConfigMap" -> ConfigMap.class;
        case "v1 Service" -> io.fabric8.kubernetes.api.model.Service.class;
        case "discovery.k8s.io/v1 EndpointSlice" -> EndpointSlice.class;
        default -> null;
      };
      if (cls == null) {
        if (doc.apiVersion().startsWith("metallb.io/")) {
          warnings.add(doc.source() + ": " + type + " is not a kind MetalLB reads its configuration from; ignored");
        }
        continue;
      }
      boolean namespaced = !(cls == Node.class || cls == Namespace.class);
      boolean workload = cls == io.fabric8.kubernetes.api.model.Service.class || cls == EndpointSlice.class;
      if (namespaced && !workload
          && !doc.namespace().isEmpty() && !doc.namespace().equals(namespace)) {
        warnings.add(doc.source() + ": " + doc.kind() + "/" + doc.name() + " is in namespace " + doc.namespace() + ", not " + namespace + "; MetalLB does not see it");
        continue;
      }
      if (schemaChecks && SCHEMAS.knows(doc.apiVersion(), doc.kind())) {
        Optional<String> nameError = nameError(doc.name());
        if (nameError.isPresent()) {
          errors.add(new ConfigError(doc.kind(), doc.name(), "metadata.name", nameError.get(), false));
          continue;
        }
        SchemaValidator.Result checked = SCHEMAS.validate(doc.tree());
        checked.unknownFields().forEach(f -> warnings.add(doc.source() + ": " + doc.kind() + "/" + doc.name() + ": unknown field \"" + f + "\" (the API server drops it)"));
        if (!checked.errors().isEmpty()) {
          for (String error : checked.errors()) {
            errors.add(new ConfigError(doc.kind(), doc.name(), error.substring(0, Math.max(0, error.indexOf(':'))), error, false));
          }
          continue;
        }
      }
      HasMetadata object;
      try {
        object = MAPPER.treeToValue(doc.tree(), cls);
      } catch (JacksonException e) {
        errors.add(new ConfigError(doc.kind(), doc.name(), path(e), doc.source() + ": cannot decode " + doc.kind() + ": " + e.getOriginalMessage(), false));
        continue;
      }
      if (object.getMetadata() == null) {
        object.setMetadata(new ObjectMeta());
      }
      if (namespaced && (object.getMetadata().getNamespace() == null || object.getMetadata().getNamespace().isEmpty())) {
        object.getMetadata().setNamespace(workload ? "default" : namespace);
      }
      String identity = doc.kind() + "/" + object.getMetadata().getName() + "/" + object.getMetadata().getNamespace();
      if (!seen.add(identity)) {
        // Both reach the parser, as in MetalLB's own tests, which refuses duplicate pools and BFD
        // profiles; on a cluster the later document would replace the earlier.
        warnings.add(doc.source() + ": " + doc.kind() + "/" + doc.name() + " appears more than once; a cluster would keep only the last one");
      }
      switch (object) {
        case IPAddressPool p -> pools.add(p);
        case io.metallb.api.v1beta2.BGPPeer p -> peers.add(p);
        case io.metallb.api.v1beta1.BGPPeer p -> peers.add(BgpPeerConversion.toV1beta2(p));
        case BFDProfile p -> bfd.add(p);
        case BGPAdvertisement a -> bgpAds.add(a);
        case L2Advertisement a -> l2Ads.add(a);
        case Community c -> communities.add(c);
        case Secret s -> secrets.put(s.getMetadata().getName() == null ? "" : s.getMetadata().getName(), s);
        case Node n -> nodes.add(n);
        case Namespace n -> namespaces.add(n);
        case io.fabric8.kubernetes.api.model.Service s -> services.add(s);
        case EndpointSlice e -> endpointSlices.add(e);
        case ConfigMap c -> {
          if ("bgpextras".equals(c.getMetadata().getName())) {
            bgpExtras = c;
          }
        }
        default -> { }
      }
    }
    return new Loaded(
        new ClusterSnapshot(pools, peers, bfd, bgpAds, l2Ads, communities, secrets, nodes, namespaces, bgpExtras),
        errors, warnings, services, endpointSlices);
  }

  private static final java.util.regex.Pattern DNS1123_SUBDOMAIN =
      java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** The API server's object name rule for custom resources: a DNS-1123 subdomain. */
  static Optional<String> nameError(String name) {
    if (name.isEmpty()) {
      return Optional.of("metadata.name: Required value: name or generateName is required");
    }
    if (name.length() > 253 || !DNS1123_SUBDOMAIN.matcher(name).matches()) {
      return Optional.of("metadata.name: Invalid value: \"" + name + "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }
    return Optional.empty();
  }

  private static String path(JacksonException e) {
    StringBuilder sb = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }
}
