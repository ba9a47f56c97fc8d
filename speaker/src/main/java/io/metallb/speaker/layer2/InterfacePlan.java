package io.metallb.speaker.layer2;

import io.metallb.net.IpAddress;
import io.metallb.speaker.layer2.packet.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which host interfaces get ARP and NDP responders (spec §9.2), decided from facts the shell reads
 * from {@code /sys/class/net} and the address list. Pure.
 */
public final class InterfacePlan {
  /** MetalLB's default {@code announcedInterfacesToExclude} (manifests and Helm chart). */
  public static final List<String> DEFAULT_EXCLUDES = List.of("^docker.*", "^cbr.*", "^dummy.*", "^virbr.*", "^lxcbr.*", "^veth.*",
      "^lo$", "^cali.*", "^tunl.*", "^flannel.*", "^kube-ipvs.*", "^cni.*", "^nodelocaldns.*", "^lxc.*");

  /** {@code IFF_UP}, linux/if.h. */
  public static final int IFF_UP = 0x1;
  /** {@code IFF_BROADCAST}, linux/if.h. */
  public static final int IFF_BROADCAST = 0x2;
  /** {@code IFF_NOARP}, linux/if.h. */
  public static final int IFF_NOARP = 0x80;

  /**
   * One interface as the scan sees it.
   *
   * @param flags {@code /sys/class/net/<if>/flags}
   * @param hasMaster {@code /sys/class/net/<if>/master} exists (bond slave, bridge port, VRF member)
   * @param linkLocal its IPv6 link-local unicast address, if any
   * @param mac its hardware address (zero for interfaces without one)
   */
  public record InterfaceFacts(String name, int flags, boolean hasMaster, Optional<IpAddress> linkLocal, MacAddress mac) {}

  /**
   * The plan.
   *
   * @param nodeInterfaces every interface not excluded, up or down (the "interface exists" check of §8.7)
   * @param arp interfaces that get an ARP responder
   * @param ndp interfaces that get an NDP responder
   */
  public record Plan(List<String> nodeInterfaces, List<InterfaceFacts> arp, List<InterfaceFacts> ndp) {}

  private InterfacePlan() {}

  /**
   * MetalLB compiles the exclude list into {@code (r1)|(r2)|…} and uses Go's unanchored
   * {@code MatchString}; {@code find()} is the Java equivalent. An empty list excludes nothing.
   */
  public static Optional<Pattern> excludePattern(List<String> regexes) {
    if (regexes.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Pattern.compile(regexes.stream().map(r -> "(" + r + ")").collect(Collectors.joining("|"))));
  }

  public static Plan plan(List<InterfaceFacts> interfaces, Optional<Pattern> exclude) {
    List<String> names = new ArrayList<>();
    List<InterfaceFacts> arp = new ArrayList<>();
    List<InterfaceFacts> ndp = new ArrayList<>();
    for (InterfaceFacts facts : interfaces) {
      if (exclude.isPresent() && exclude.get().matcher(facts.name()).find()) {
        continue;
      }
      names.add(facts.name());
      if ((facts.flags() & IFF_UP) == 0 || facts.hasMaster() || (facts.flags() & IFF_NOARP) != 0) {
        continue;
      }
      if ((facts.flags() & IFF_BROADCAST) != 0) {
        arp.add(facts);
      }
      if (facts.linkLocal().isPresent()) {
        ndp.add(facts);
      }
    }
    return new Plan(List.copyOf(names), List.copyOf(arp), List.copyOf(ndp));
  }
}
