package io.metallb.speaker.bgp;

import io.metallb.config.BgpAdvertisement;
import io.metallb.config.BgpCommunity;
import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/** The pure rules of spec §8.9–§10.10 that turn Services' IPs into per-peer advertisement sets. */
public final class Advertisements {
  /** Most communities MetalLB accepts on one prefix (spec §10.10). */
  public static final int MAX_COMMUNITIES = 63;

  private Advertisements() {}

  /**
   * MetalLB's BGP {@code SetBalancer} (spec §8.9): for each LB IP and each BGPAdvertisement that
   * applies to this node and Service, the IP masked to the aggregation length with the ad's
   * LOCAL_PREF, communities and peers.
   *
   * @param ips the Service's LoadBalancer IPs
   * @param ads the BGPAdvertisements that select this node and Service
   */
  public static List<Advertisement> forService(List<IpAddress> ips, List<BgpAdvertisement> ads) {
    List<Advertisement> out = new ArrayList<>();
    for (IpAddress ip : ips) {
      for (BgpAdvertisement ad : ads) {
        int length = ip.isIpv4() ? ad.aggregationLength() : ad.aggregationLengthV6();
        out.add(new Advertisement(new Cidr(ip, length), ad.localPref(), List.copyOf(ad.communities()), ad.peers()));
      }
    }
    return out;
  }

  /**
   * What peer {@code peerName} gets (spec §8.9 publish, §10.10 {@code Set}): the advertisements for
   * it, keyed by prefix; duplicates of one prefix are merged by unioning their communities (sorted)
   * and keeping the first one's LOCAL_PREF and peers. Iteration order is the first occurrence's.
   *
   * @throws IllegalArgumentException if a prefix ends up with more than {@value #MAX_COMMUNITIES}
   *     communities (MetalLB's {@code max supported communities is 63, got <n>})
   */
  public static Map<Cidr, Advertisement> forPeer(String peerName, Collection<Advertisement> all) {
    Map<Cidr, Advertisement> merged = new LinkedHashMap<>();
    for (Advertisement a : all) {
      if (!a.isFor(peerName)) {
        continue;
      }
      merged.merge(a.prefix(), a, (first, next) -> {
        SortedSet<BgpCommunity> union = new TreeSet<>(first.communities());
        union.addAll(next.communities());
        return new Advertisement(first.prefix(), first.localPref(), List.copyOf(union), first.peers());
      });
    }
    for (Advertisement a : merged.values()) {
      if (a.communities().size() > MAX_COMMUNITIES) {
        throw new IllegalArgumentException("max supported communities is " + MAX_COMMUNITIES + ", got " + a.communities().size());
      }
    }
    return merged;
  }
}
