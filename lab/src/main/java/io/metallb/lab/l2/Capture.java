package io.metallb.lab.l2;

import io.metallb.lab.Lab;
import io.metallb.lab.LabException;
import io.metallb.lab.process.SupervisedProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A tcpdump capture of ARP and ICMPv6 NS/NA on one device of a namespace, written unbuffered to a
 * pcap file in the run directory and read back with {@link PcapReader}.
 */
public final class Capture implements AutoCloseable {
  /** The tcpdump filter: ARP, and ICMPv6 types 135/136 without extension headers. */
  public static final String FILTER = "arp or (icmp6 and (ip6[40] == 135 or ip6[40] == 136))";

  private final SupervisedProcess tcpdump;
  private final Path file;

  private Capture(SupervisedProcess tcpdump, Path file) {
    this.tcpdump = tcpdump;
    this.file = file;
  }

  /** Starts capturing on {@code device} in {@code namespace}; returns once tcpdump listens. */
  public static Capture start(Lab lab, String namespace, String device, String name) {
    Path file = lab.directory("captures").resolve(name + ".pcap");
    SupervisedProcess tcpdump = lab.supervisor().startIn(namespace, "tcpdump-" + name,
        List.of("tcpdump", "-i", device, "-nn", "-U", "-Z", "root", "-w", file.toString(), FILTER));
    tcpdump.awaitLogLine(Pattern.compile("listening on"), Duration.ofSeconds(10));
    return new Capture(tcpdump, file);
  }

  /** The packets captured so far. */
  public List<L2Packet> packets() {
    try {
      return Files.exists(file) ? PcapReader.read(Files.readAllBytes(file)) : List.of();
    } catch (IOException e) {
      throw new LabException("cannot read capture " + file, e);
    }
  }

  /** The pcap file. */
  public Path file() {
    return file;
  }

  /** Stops tcpdump (the file stays). */
  @Override
  public void close() {
    tcpdump.stop(Duration.ofSeconds(3));
  }
}
