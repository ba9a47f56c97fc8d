package io.metallb.speaker.bgp.message;

import io.metallb.net.Cidr;
import java.util.List;
import java.util.Optional;

/**
 * An UPDATE (RFC 4271 §4.3). IPv4 prefixes travel in {@code withdrawn} and {@code nlri}; other
 * families inside {@link PathAttribute.MpReach} / {@link PathAttribute.MpUnreach}.
 *
 * @param withdrawn IPv4 withdrawn routes
 * @param attributes path attributes, in wire order
 * @param nlri IPv4 reachable prefixes
 */
public record Update(List<Cidr> withdrawn, List<PathAttribute> attributes, List<Cidr> nlri) implements BgpMessage {
  /** Copies the lists and checks that the IPv4 fields hold IPv4 prefixes. */
  public Update {
    withdrawn = List.copyOf(withdrawn);
    attributes = List.copyOf(attributes);
    nlri = List.copyOf(nlri);
    for (List<Cidr> field : List.of(withdrawn, nlri)) {
      for (Cidr c : field) {
        if (!c.network().isIpv4()) {
          throw new IllegalArgumentException("withdrawn routes and NLRI fields carry IPv4 prefixes only: " + c);
        }
      }
    }
  }

  /** The End-of-RIB marker of {@code family} (RFC 4724 §2). */
  public static Update endOfRib(Family family) {
    return family == Family.IPV4_UNICAST
        ? new Update(List.of(), List.of(), List.of())
        : new Update(List.of(), List.of(new PathAttribute.MpUnreach(family, List.of())), List.of());
  }

  /** The family whose End-of-RIB this is, if it is one. */
  public Optional<Family> endOfRibFamily() {
    if (withdrawn.isEmpty() && nlri.isEmpty()) {
      if (attributes.isEmpty()) {
        return Optional.of(Family.IPV4_UNICAST);
      }
      if (attributes.size() == 1 && attributes.getFirst() instanceof PathAttribute.MpUnreach u && u.withdrawn().isEmpty()) {
        return Optional.of(u.family());
      }
    }
    return Optional.empty();
  }

  @Override
  public MessageType type() {
    return MessageType.UPDATE;
  }

  /** The first attribute of {@code kind}, if present. */
  public <T extends PathAttribute> Optional<T> attribute(Class<T> kind) {
    return attributes.stream().filter(kind::isInstance).map(kind::cast).findFirst();
  }
}
