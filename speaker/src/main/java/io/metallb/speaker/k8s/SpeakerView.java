package io.metallb.speaker.k8s;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.metallb.api.v1beta1.BGPAdvertisement;
import io.metallb.api.v1beta2.BGPPeer;
import io.metallb.config.ClusterSnapshot;
import io.metallb.config.LabelSelectors;
import java.util.List;
import java.util.Map;

/**
 * What a speaker feeds the parser (spec §4.2): everything, but only the peers and BGP
 * advertisements that select its own node (or select no node in particular). Pure.
 */
public final class SpeakerView {
  private SpeakerView() {}

  public static ClusterSnapshot forNode(ClusterSnapshot all, String nodeName) {
    Map<String, String> labels = all.nodes().stream()
        .filter(n -> n.getMetadata() != null && nodeName.equals(n.getMetadata().getName()))
        .findFirst().map(Node::getMetadata).map(m -> m.getLabels() == null ? Map.<String, String>of() : m.getLabels()).orElse(Map.of());
    List<BGPPeer> peers = all.peers().stream()
        .filter(p -> p.getSpec() == null || selects(p.getSpec().nodeSelectors(), labels)).toList();
    List<BGPAdvertisement> ads = all.bgpAdvertisements().stream()
        .filter(a -> a.getSpec() == null || selects(a.getSpec().nodeSelectors(), labels)).toList();
    return new ClusterSnapshot(all.pools(), peers, all.bfdProfiles(), ads, all.l2Advertisements(), all.communities(),
        all.passwordSecrets(), all.nodes(), all.namespaces(), all.bgpExtras());
  }

  private static boolean selects(List<LabelSelector> selectors, Map<String, String> nodeLabels) {
    if (selectors == null || selectors.isEmpty()) {
      return true;
    }
    // An invalid selector keeps the object, so that the parser reports it.
    return selectors.stream().anyMatch(s -> s == null || LabelSelectors.validationError(s).isPresent() || LabelSelectors.matches(s, nodeLabels));
  }
}
