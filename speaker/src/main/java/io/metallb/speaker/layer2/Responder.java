package io.metallb.speaker.layer2;

import io.metallb.net.IpAddress;
import io.metallb.speaker.layer2.packet.Frame;
import io.metallb.speaker.layer2.packet.MacAddress;
import java.util.function.Predicate;

/**
 * What a layer 2 responder answers (spec §9.3, §9.5), pure: ARP requests for owned IPv4 addresses
 * get a unicast reply; Neighbor Solicitations with a source link-layer address for owned IPv6
 * addresses get a solicited advertisement (S=1, O=0).
 */
public final class Responder {
  /** Why a received frame gets no answer; counted, never logged per packet. */
  public enum Skip { NOT_A_REQUEST, NOT_FOR_THIS_INTERFACE, NOT_ANNOUNCED, NO_SOURCE_LINK_LAYER_ADDRESS }

  /** The answer, or why there is none. */
  public sealed interface Outcome {
    record Answer(Frame frame, IpAddress ip) implements Outcome {}

    record Skipped(Skip reason) implements Outcome {}
  }

  private Responder() {}

  /**
   * @param mac this interface's MAC
   * @param linkLocal this interface's IPv6 link-local address (source of advertisements)
   * @param announced whether this interface announces an address now
   */
  public static Outcome answer(Frame received, MacAddress mac, IpAddress linkLocal, Predicate<IpAddress> announced) {
    return switch (received) {
      case Frame.Arp arp -> {
        if (arp.operation() != Frame.Arp.REQUEST) {
          yield new Outcome.Skipped(Skip.NOT_A_REQUEST);
        }
        if (!arp.destination().equals(MacAddress.BROADCAST) && !arp.destination().equals(mac)) {
          yield new Outcome.Skipped(Skip.NOT_FOR_THIS_INTERFACE);
        }
        if (!announced.test(arp.targetIp())) {
          yield new Outcome.Skipped(Skip.NOT_ANNOUNCED);
        }
        yield new Outcome.Answer(new Frame.Arp(arp.senderHardware(), mac, Frame.Arp.REPLY, mac, arp.targetIp(), arp.senderHardware(), arp.senderIp()),
            arp.targetIp());
      }
      case Frame.NeighborSolicitation ns -> {
        if (ns.sourceLinkLayer() == null) {
          yield new Outcome.Skipped(Skip.NO_SOURCE_LINK_LAYER_ADDRESS);
        }
        if (!announced.test(ns.target())) {
          yield new Outcome.Skipped(Skip.NOT_ANNOUNCED);
        }
        yield new Outcome.Answer(new Frame.NeighborAdvertisement(ns.sourceLinkLayer(), mac, linkLocal, ns.ipSource(),
            false, true, false, ns.target(), mac), ns.target());
      }
      case Frame.NeighborAdvertisement na -> new Outcome.Skipped(Skip.NOT_A_REQUEST);
    };
  }

  /** The two gratuitous ARP frames of an announcement round (spec §9.4): a request, then a reply. */
  public static Frame.Arp[] gratuitousArp(MacAddress mac, IpAddress ip) {
    return new Frame.Arp[] {
      new Frame.Arp(MacAddress.BROADCAST, mac, Frame.Arp.REQUEST, mac, ip, MacAddress.BROADCAST, ip),
      new Frame.Arp(MacAddress.BROADCAST, mac, Frame.Arp.REPLY, mac, ip, MacAddress.BROADCAST, ip)
    };
  }

  /** The unsolicited advertisement of an announcement round (spec §9.4): to ff02::1, S=0, O=1. */
  public static Frame.NeighborAdvertisement unsolicitedAdvertisement(MacAddress mac, IpAddress linkLocal, IpAddress ip) {
    IpAddress allNodes = IpAddress.of("ff02::1");
    return new Frame.NeighborAdvertisement(io.metallb.speaker.layer2.packet.FrameCodec.multicastMac(allNodes), mac, linkLocal, allNodes,
        false, false, true, ip, mac);
  }
}
