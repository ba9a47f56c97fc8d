package io.metallb.lab.bgp;

import java.util.List;
import java.util.OptionalLong;

/**
 * A prefix a lab router originates, e.g. to stand in for a speaker when testing another router.
 *
 * @param prefix e.g. {@code 198.51.100.10/32}
 * @param communities standard communities as {@code ASN:VALUE}
 * @param largeCommunities large communities as {@code ASN:DATA1:DATA2}
 * @param localPref LOCAL_PREF to attach (sent over iBGP only)
 */
public record Announcement(String prefix, List<String> communities, List<String> largeCommunities,
    OptionalLong localPref) {
  /** Copies the lists. */
  public Announcement {
    communities = List.copyOf(communities);
    largeCommunities = List.copyOf(largeCommunities);
  }

  /** The announcement's address family. */
  public AddressFamily family() {
    return AddressFamily.of(prefix);
  }
}
