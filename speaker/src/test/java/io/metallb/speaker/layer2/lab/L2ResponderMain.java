package io.metallb.speaker.layer2.lab;

import io.metallb.net.IpAddress;
import io.metallb.speaker.ffm.RawSocket;
import io.metallb.speaker.layer2.ResponderLoop;
import io.metallb.speaker.layer2.packet.FrameCodec;
import io.metallb.speaker.layer2.packet.MacAddress;
import java.net.Inet6Address;
import java.net.NetworkInterface;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A layer 2 responder for the lab tests: {@code <interface> <ip>...} answers ARP and NDP for the
 * given addresses on the interface, until killed. Prints "ready" once listening.
 */
public final class L2ResponderMain {
  private L2ResponderMain() {}

  public static void main(String[] args) throws Exception {
    String iface = args[0];
    Set<IpAddress> owned = Arrays.stream(args, 1, args.length).map(IpAddress::of).collect(Collectors.toSet());
    NetworkInterface ni = NetworkInterface.getByName(iface);
    MacAddress mac = MacAddress.of(ni.getHardwareAddress());
    IpAddress linkLocal = ni.inetAddresses().filter(a -> a instanceof Inet6Address && a.isLinkLocalAddress())
        .map(a -> IpAddress.ofBytes(a.getAddress())).findFirst().orElseThrow(() -> new IllegalStateException(iface + " has no link-local address"));
    RawSocket ipv6 = RawSocket.open(iface, FrameCodec.ETHERTYPE_IPV6);
    for (IpAddress ip : owned) {
      if (!ip.isIpv4()) {
        ipv6.joinMulticast(FrameCodec.multicastMac(FrameCodec.solicitedNode(ip)).toBytes());
      }
    }
    ResponderLoop arp = new ResponderLoop(iface + "-arp", RawSocket.open(iface, FrameCodec.ETHERTYPE_ARP), mac, linkLocal, owned::contains, ip -> {}, ip -> {});
    ResponderLoop ndp = new ResponderLoop(iface + "-ndp", ipv6, mac, linkLocal, owned::contains, ip -> {}, ip -> {});
    try {
      System.out.println("ready");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    } finally {
      arp.close();
      ndp.close();
    }
  }
}
