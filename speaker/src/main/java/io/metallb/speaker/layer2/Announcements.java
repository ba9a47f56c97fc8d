package io.metallb.speaker.layer2;

import io.metallb.net.IpAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The addresses this speaker announces at layer 2, per Service (spec §9.1). Immutable: every
 * change returns a new value, so the responder threads read a published snapshot without locks.
 * The reference count of an address is the number of Services announcing it (shared IPs).
 */
public final class Announcements {
  /** Nothing announced. */
  public static final Announcements NONE = new Announcements(Map.of());

  /** How a request for an address on an interface is handled. */
  public enum Verdict {
    ANSWER,
    /** Announced, but no advertisement of it allows this interface (MetalLB's "notMatchInterface"). */
    NOT_ALLOWED_ON_INTERFACE,
    UNKNOWN
  }

  /**
   * The result of a change.
   *
   * @param firstAnnounced an IPv6 address whose count went 0→1 (responders join its solicited-node group)
   */
  public record Added(Announcements announcements, Optional<IpAddress> firstAnnounced) {}

  /**
   * The result of a withdrawal.
   *
   * @param noLongerAnnounced addresses whose count went 1→0, in announcement order
   */
  public record Removed(Announcements announcements, List<IpAddress> noLongerAnnounced) {}

  private final Map<String, List<IpAdvertisement>> byService;

  private Announcements(Map<String, List<IpAdvertisement>> byService) {
    this.byService = byService;
  }

  /**
   * MetalLB's {@code SetBalancer}: the Service's advertisement for the same address is replaced (its
   * interfaces may have changed), otherwise appended. The caller queues gratuitous announcements in
   * both cases [QUIRK: every resync re-announces, spec §9.1].
   */
  public Added withAdvertisement(String service, IpAdvertisement advertisement) {
    boolean firstForIp = referenceCount(advertisement.ip()) == 0;
    Map<String, List<IpAdvertisement>> next = copy();
    List<IpAdvertisement> ads = new ArrayList<>(next.getOrDefault(service, List.of()));
    boolean replaced = false;
    for (int i = 0; i < ads.size(); i++) {
      if (ads.get(i).ip().equals(advertisement.ip())) {
        ads.set(i, advertisement);
        replaced = true;
      }
    }
    if (!replaced) {
      ads.add(advertisement);
    }
    next.put(service, List.copyOf(ads));
    Optional<IpAddress> joined = firstForIp && !advertisement.ip().isIpv4() ? Optional.of(advertisement.ip()) : Optional.empty();
    return new Added(new Announcements(Map.copyOf(next)), joined);
  }

  /** MetalLB's {@code DeleteBalancer}: forgets the Service. Nothing is sent on withdrawal. */
  public Removed withoutService(String service) {
    List<IpAdvertisement> gone = byService.get(service);
    if (gone == null) {
      return new Removed(this, List.of());
    }
    Map<String, List<IpAdvertisement>> next = copy();
    next.remove(service);
    Announcements after = new Announcements(Map.copyOf(next));
    List<IpAddress> released = gone.stream().map(IpAdvertisement::ip).distinct().filter(ip -> after.referenceCount(ip) == 0).toList();
    return new Removed(after, released);
  }

  /** Whether the Service has any advertisement here. */
  public boolean announces(String service) {
    return byService.containsKey(service);
  }

  /** The Service's advertisements, in the order they were added. */
  public List<IpAdvertisement> advertisementsOf(String service) {
    return byService.getOrDefault(service, List.of());
  }

  /** Every announced address once, in first-announced order. */
  public List<IpAddress> addresses() {
    return byService.values().stream().flatMap(List::stream).map(IpAdvertisement::ip).distinct().toList();
  }

  /** How many Services announce {@code ip}. */
  public int referenceCount(IpAddress ip) {
    int count = 0;
    for (List<IpAdvertisement> ads : byService.values()) {
      if (ads.stream().anyMatch(a -> a.ip().equals(ip))) {
        count++;
      }
    }
    return count;
  }

  /** Whether a request for {@code ip} arriving on {@code iface} is answered (spec §9.1). */
  public Verdict verdict(IpAddress ip, String iface) {
    boolean known = false;
    for (List<IpAdvertisement> ads : byService.values()) {
      for (IpAdvertisement ad : ads) {
        if (ad.ip().equals(ip)) {
          if (ad.allows(iface)) {
            return Verdict.ANSWER;
          }
          known = true;
        }
      }
    }
    return known ? Verdict.NOT_ALLOWED_ON_INTERFACE : Verdict.UNKNOWN;
  }

  /** Whether any advertisement of {@code ip} allows {@code iface} (gratuitous rounds use this). */
  public boolean allows(IpAddress ip, String iface) {
    return verdict(ip, iface) == Verdict.ANSWER;
  }

  private Map<String, List<IpAdvertisement>> copy() {
    return new LinkedHashMap<>(byService);
  }
}
