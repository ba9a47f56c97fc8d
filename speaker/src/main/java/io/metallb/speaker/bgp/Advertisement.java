package io.metallb.speaker.bgp;

import io.metallb.config.BgpCommunity;
import io.metallb.net.Cidr;
import java.util.List;

/**
 * One prefix to announce with its attributes: MetalLB's {@code bgp.Advertisement} (spec §8.9).
 *
 * @param prefix the prefix (an LB IP masked to the aggregation length)
 * @param localPref LOCAL_PREF for iBGP peers; 0 when unset
 * @param communities standard and large communities, in MetalLB's order (spec §4.6)
 * @param peers names of the peers to send it to; empty means every peer
 */
public record Advertisement(Cidr prefix, long localPref, List<BgpCommunity> communities, List<String> peers) {
  /** Copies the lists. */
  public Advertisement {
    communities = List.copyOf(communities);
    peers = List.copyOf(peers);
  }

  /** A prefix with no attributes, for every peer. */
  public static Advertisement of(Cidr prefix) {
    return new Advertisement(prefix, 0, List.of(), List.of());
  }

  /** Whether peer {@code peerName} gets it. */
  public boolean isFor(String peerName) {
    return peers.isEmpty() || peers.contains(peerName);
  }
}
