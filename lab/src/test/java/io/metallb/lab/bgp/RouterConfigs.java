package io.metallb.lab.bgp;

import java.util.List;
import java.util.OptionalLong;

/** Router configurations shared by the renderer tests. */
final class RouterConfigs {
  private RouterConfigs() {}

  /** A router (AS 64500) with a passive MD5+BFD v4 neighbour, a v6 neighbour and a multihop one. */
  static RouterConfig router() {
    return RouterConfig.of("rtr", 64500, "198.51.100.1")
        .withBfd(BfdProfile.fast("lab"))
        .withNeighbor(Neighbor.of("198.51.100.11", 64512).asPassive().withMd5("s3cr3t").withBfd())
        .withNeighbor(Neighbor.of("2001:db8:100::11", 64512).asPassive())
        .withNeighbor(Neighbor.of("192.0.2.50", 64513).withMultihop(4));
  }

  /** An iBGP speaker (AS 64500) announcing a /32 with local-pref and a /128, multipath off. */
  static RouterConfig ibgpSpeaker() {
    return RouterConfig.of("spk", 64500, "198.51.100.11")
        .withMultipath(false)
        .withNeighbor(Neighbor.of("198.51.100.1", 64500))
        .withNeighbor(Neighbor.of("2001:db8:100::1", 64500))
        .withAnnouncement(new Announcement("198.51.100.10/32", List.of("64512:100"), List.of("64512:1:100"),
            OptionalLong.of(200)))
        .withAnnouncement(new Announcement("2001:db8:100::10/128", List.of("64512:100", "64512:200"),
            List.of(), OptionalLong.empty()));
  }
}
