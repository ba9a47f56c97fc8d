package io.metallb.speaker.k8s;

import io.metallb.config.Peer;
import io.metallb.net.Cidr;
import io.metallb.speaker.bgp.Advertisement;
import io.metallb.speaker.bgp.netty.BgpSpeaker;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link BgpServiceReconciler} asks of the node's BGP speaker (spec §8.9): the sessions to run
 * and the node-wide advertisement set. Implementations must be thread-safe and must not block on
 * the network.
 */
public interface BgpAnnouncer {
  /**
   * Runs sessions for exactly {@code peers} (already restricted to this node).
   *
   * @return one message per peer that could not be started
   */
  List<String> setPeers(Collection<Peer> peers);

  /** Replaces the advertisement set: the concatenation of every announcing Service's ads; empty withdraws all. */
  void setAdvertisements(Collection<Advertisement> all);

  /** Per peer name, the prefixes currently published to it. */
  Map<String, Set<Cidr>> publishedPrefixes();

  /** The native engine behind this interface. */
  static BgpAnnouncer of(BgpSpeaker speaker) {
    return new BgpAnnouncer() {
      @Override
      public List<String> setPeers(Collection<Peer> peers) {
        return speaker.setPeers(peers);
      }

      @Override
      public void setAdvertisements(Collection<Advertisement> all) {
        speaker.setAdvertisements(all);
      }

      @Override
      public Map<String, Set<Cidr>> publishedPrefixes() {
        return speaker.publishedPrefixes();
      }
    };
  }
}
