package io.metallb.speaker.bgp;

import io.metallb.config.BgpCommunity;
import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.codec.BgpMessageWriter;
import io.metallb.speaker.bgp.codec.Wire;
import io.metallb.speaker.bgp.fsm.NegotiatedSession;
import io.metallb.speaker.bgp.message.Family;
import io.metallb.speaker.bgp.message.PathAttribute;
import io.metallb.speaker.bgp.message.Update;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One peer's Adj-RIB-Out: the desired advertisements, what the peer has been sent, and the UPDATEs
 * that move it from one to the other (spec §10.7, §10.9, §10.10). Prefixes sharing attributes share
 * an UPDATE, each UPDATE fits 4096 bytes, and withdrawals are batched. Pure; not thread-safe.
 *
 * <p>A session carries the families both sides negotiated whose next hop it has: IPv4 prefixes
 * need an IPv4 next hop, IPv6 prefixes an IPv6 one — our end's address, or for a
 * {@code dualStackAddressFamily} peer our interface's address of the other family (as FRR); over an
 * unnumbered session that negotiated extended next hops (RFC 8950), IPv4 prefixes travel in
 * MP_REACH_NLRI with our IPv6 link-local address as next hop, and are withdrawn in the classic
 * withdrawn routes field.
 * Prefixes are grouped by their configured attributes; for an eBGP peer, which gets no LOCAL_PREF,
 * groups that differ only in LOCAL_PREF travel in separate but identical-looking UPDATEs.
 */
public final class RibOut {
  /** LOCAL_PREF sent to iBGP peers when the advertisement sets none: FRR's and BIRD's default. */
  public static final long DEFAULT_LOCAL_PREF = 100;

  private final Map<Cidr, Attributes> desired = new LinkedHashMap<>(); // prefix -> attributes wanted, in publish order
  private Map<Attributes, List<Cidr>> desiredGroups = Map.of(); // desired, grouped: computed before the session is up
  private final Map<Cidr, Attributes> announced = new LinkedHashMap<>(); // prefix -> attributes sent
  private NegotiatedSession session;

  /**
   * The attributes that make prefixes share an UPDATE, session-independent (LOCAL_PREF as
   * configured; it is sent to iBGP peers only), so that the table can be grouped before a session
   * comes up and the first full table leaves at once.
   */
  private record Attributes(Family family, long localPref, List<BgpCommunity> communities) {
    static Attributes of(Advertisement a) {
      return new Attributes(Family.of(a.prefix()), a.localPref(), a.communities());
    }
  }

  /** Number of prefixes desired for this peer ({@code metallb_bgp_pending_prefixes_total}). */
  public int pendingCount() {
    return desired.size();
  }

  /** Number of prefixes the peer has been sent ({@code metallb_bgp_announced_prefixes_total}). */
  public int announcedCount() {
    return announced.size();
  }

  /**
   * Sets the desired advertisements; when Established returns the UPDATEs to send: announcements
   * of new or changed prefixes first, then withdrawals.
   */
  public List<Update> setDesired(Map<Cidr, Advertisement> advertisements) {
    desired.clear();
    advertisements.forEach((prefix, ad) -> desired.put(prefix, Attributes.of(ad)));
    desiredGroups = group(desired);
    if (session == null) {
      return List.of();
    }
    Map<Cidr, Attributes> changed = new LinkedHashMap<>();
    desired.forEach((prefix, attrs) -> {
      if (sendable(attrs.family()) && !attrs.equals(announced.get(prefix))) {
        changed.put(prefix, attrs);
      }
    });
    List<Cidr> gone = announced.entrySet().stream()
        .filter(e -> !e.getValue().equals(desired.get(e.getKey()))).map(Map.Entry::getKey)
        .filter(p -> !changed.containsKey(p)).toList();
    List<Update> updates = new ArrayList<>(announcements(group(changed)));
    updates.addAll(withdrawals(gone));
    gone.forEach(announced::remove);
    announced.putAll(changed);
    return updates;
  }

  /**
   * The session reached Established: returns the whole table, then an End-of-RIB per negotiated
   * family (RFC 4724 §2).
   */
  public List<Update> established(NegotiatedSession negotiated) {
    session = negotiated;
    announced.clear();
    Map<Attributes, List<Cidr>> groups = new LinkedHashMap<>();
    desiredGroups.forEach((attrs, prefixes) -> {
      if (sendable(attrs.family())) {
        groups.put(attrs, prefixes);
        prefixes.forEach(p -> announced.put(p, attrs));
      }
    });
    List<Update> updates = new ArrayList<>(announcements(groups));
    for (Family f : Family.values()) {
      if (negotiated.families().contains(f)) {
        updates.add(Update.endOfRib(f));
      }
    }
    return updates;
  }

  /** The peer asked for {@code family} again (RFC 2918 §4): everything announced in it. */
  public List<Update> resend(Family family) {
    Map<Cidr, Attributes> subset = new LinkedHashMap<>();
    announced.forEach((p, a) -> {
      if (a.family() == family) {
        subset.put(p, a);
      }
    });
    return announcements(group(subset));
  }

  /** The session went down: nothing is announced any more. The desired set stays. */
  public void down() {
    session = null;
    announced.clear();
  }

  /** Whether the session carries {@code family}: negotiated, and there is a next hop of it. */
  private boolean sendable(Family family) {
    return session.families().contains(family) && session.nextHop(family).isPresent();
  }

  private static Map<Attributes, List<Cidr>> group(Map<Cidr, Attributes> prefixes) {
    Map<Attributes, List<Cidr>> groups = new LinkedHashMap<>();
    prefixes.forEach((p, a) -> groups.computeIfAbsent(a, k -> new ArrayList<>()).add(p));
    return groups;
  }

  private List<Update> announcements(Map<Attributes, List<Cidr>> groups) {
    List<Update> out = new ArrayList<>();
    groups.forEach((attrs, list) -> {
      int base = BgpMessageWriter.size(update(attrs, List.of()), session.fourOctetAs()) + 1; // +1: extended length
      for (List<Cidr> chunk : chunks(list, Wire.MAX_MESSAGE_LENGTH - base)) {
        out.add(update(attrs, chunk));
      }
    });
    return out;
  }

  private List<Update> withdrawals(List<Cidr> prefixes) {
    List<Update> out = new ArrayList<>();
    for (Family f : Family.values()) {
      List<Cidr> ofFamily = prefixes.stream().filter(p -> Family.of(p) == f).toList();
      int base = Wire.HEADER_LENGTH + 4 + 8; // lengths, plus an MP_UNREACH header with extended length
      for (List<Cidr> chunk : chunks(ofFamily, Wire.MAX_MESSAGE_LENGTH - base)) {
        out.add(f == Family.IPV4_UNICAST
            ? new Update(chunk, List.of(), List.of())
            : new Update(List.of(), List.of(new PathAttribute.MpUnreach(f, chunk)), List.of()));
      }
    }
    return out;
  }

  /** Splits {@code prefixes} into runs whose encoded size stays within {@code budget} bytes. */
  private static List<List<Cidr>> chunks(List<Cidr> prefixes, int budget) {
    List<List<Cidr>> out = new ArrayList<>();
    List<Cidr> current = new ArrayList<>();
    int used = 0;
    for (Cidr p : prefixes) {
      int size = BgpMessageWriter.prefixSize(p);
      if (used + size > budget && !current.isEmpty()) {
        out.add(current);
        current = new ArrayList<>();
        used = 0;
      }
      current.add(p);
      used += size;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  /** The UPDATE announcing {@code nlri} with {@code attrs}; attributes in type-code order. */
  private Update update(Attributes attrs, List<Cidr> nlri) {
    IpAddress nextHop = session.nextHop(attrs.family()).orElseThrow();
    boolean v4 = attrs.family() == Family.IPV4_UNICAST && nextHop.isIpv4(); // else in MP_REACH_NLRI (RFC 8950 §3)
    List<PathAttribute> attributes = new ArrayList<>();
    attributes.add(new PathAttribute.Origin(PathAttribute.OriginType.IGP));
    attributes.add(PathAttribute.AsPath.originatedBy(session.localAsn(), session.internal()));
    if (v4) {
      attributes.add(new PathAttribute.NextHop(nextHop));
    }
    if (session.internal()) {
      attributes.add(new PathAttribute.LocalPref(attrs.localPref() > 0 ? attrs.localPref() : DEFAULT_LOCAL_PREF));
    }
    List<Long> standard = attrs.communities().stream().filter(BgpCommunity.Standard.class::isInstance)
        .map(c -> ((BgpCommunity.Standard) c).toUint32()).toList();
    if (!standard.isEmpty()) {
      attributes.add(new PathAttribute.Communities(standard));
    }
    if (!v4) {
      attributes.add(new PathAttribute.MpReach(attrs.family(), List.of(nextHop), nlri));
    }
    List<PathAttribute.LargeCommunity> large = attrs.communities().stream().filter(BgpCommunity.Large.class::isInstance)
        .map(BgpCommunity.Large.class::cast)
        .map(l -> new PathAttribute.LargeCommunity(l.globalAdministrator(), l.localData1(), l.localData2())).toList();
    if (!large.isEmpty()) {
      attributes.add(new PathAttribute.LargeCommunities(large));
    }
    return new Update(List.of(), attributes, v4 ? nlri : List.of());
  }

  /** Whether the peer has been sent {@code prefix} and not told to withdraw it. */
  public boolean isAnnounced(Cidr prefix) {
    return announced.containsKey(prefix);
  }
}
