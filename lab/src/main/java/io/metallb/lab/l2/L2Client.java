package io.metallb.lab.l2;

import io.metallb.lab.process.Commands;
import java.util.List;
import java.util.Optional;

/** A client namespace's view of layer 2: arping, ndisc6 and its neighbour table. Blocking. */
public final class L2Client {
  private final String namespace;
  private final String device;

  /** A client in {@code namespace} using {@code device} (e.g. {@code eth0}). */
  public L2Client(String namespace, String device) {
    this.namespace = namespace;
    this.device = device;
  }

  /** The MAC that answered an ARP request for {@code ipv4} (up to 3 tries, 3 s), or empty. */
  public Optional<String> arping(String ipv4) {
    return ClientOutput.arpingMac(Commands.runIn(namespace, "arping", "-c", "3", "-w", "3", "-f", "-I", device,
        ipv4).stdout());
  }

  /** The MAC in the NA answering a solicitation for {@code ipv6} (up to 3 tries, 1 s apart), or empty. */
  public Optional<String> ndisc6(String ipv6) {
    return ClientOutput.ndisc6Mac(Commands.runIn(namespace, "ndisc6", "-1", "-r", "3", "-w", "1000", ipv6,
        device).stdout());
  }

  /**
   * The MAC the client's own kernel learns for {@code ip} (IPv4 or IPv6): one ping (its answer does
   * not matter) makes the kernel resolve the address; the neighbour entry then holds whoever answered.
   * Needs an on-link route to {@code ip}. For IPv6, unlike {@link #ndisc6}, this accepts advertisements
   * sourced from a link-local address, which is what MetalLB sends: ndisc6 drops any reply whose source
   * scope differs from the (global) target's.
   */
  public Optional<String> kernelResolvedMac(String ip) {
    Commands.runIn(namespace, "ping", "-c", "1", "-W", "2", "-I", device, ip);
    return neighbours().stream()
        .filter(entry -> entry.address().equals(ip))
        .flatMap(entry -> entry.mac().stream())
        .findFirst();
  }

  /** The neighbour table of the device. */
  public List<NeighbourEntry> neighbours() {
    return ClientOutput.neighbours(Commands.checkIn(namespace, "ip", "neigh", "show", "dev", device));
  }

  /** Empties the neighbour table of the device. */
  public void flushNeighbours() {
    Commands.checkIn(namespace, "ip", "neigh", "flush", "dev", device);
  }
}
