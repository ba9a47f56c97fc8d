package io.metallb.speaker.layer2;

import io.metallb.net.IpAddress;
import io.metallb.speaker.layer2.packet.MacAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Reads the host interfaces for {@link InterfacePlan}: flags and master from {@code /sys/class/net}
 * (as MetalLB does), addresses from the JDK. Shell; stateless.
 */
public final class SysfsInterfaces {
  private static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

  private SysfsInterfaces() {}

  /** Every interface of this network namespace; an error aborts the whole scan (spec §9.2 [QUIRK]). */
  public static List<InterfacePlan.InterfaceFacts> read() {
    try {
      List<InterfacePlan.InterfaceFacts> out = new ArrayList<>();
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        Path dir = SYS_CLASS_NET.resolve(ni.getName());
        int flags = Integer.decode(Files.readString(dir.resolve("flags")).strip());
        boolean hasMaster = Files.exists(dir.resolve("master"));
        Optional<IpAddress> linkLocal = ni.inetAddresses()
            .filter(a -> a instanceof Inet6Address && a.isLinkLocalAddress())
            .map(a -> IpAddress.ofBytes(a.getAddress())).findFirst();
        byte[] hw = ni.getHardwareAddress();
        MacAddress mac = hw != null && hw.length == 6 ? MacAddress.of(hw) : MacAddress.ZERO;
        out.add(new InterfacePlan.InterfaceFacts(ni.getName(), flags, hasMaster, linkLocal, mac));
      }
      return out;
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
