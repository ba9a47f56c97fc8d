package io.metallb.speaker.bgp.netty;

import io.metallb.config.BgpCommunity;
import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.Advertisement;
import io.metallb.speaker.bgp.RibOut;
import io.metallb.speaker.bgp.codec.BgpFrameDecoder;
import io.metallb.speaker.bgp.codec.BgpMessageEncoder;
import io.metallb.speaker.bgp.codec.Decoded;
import io.metallb.speaker.bgp.fsm.Event;
import io.metallb.speaker.bgp.fsm.NegotiatedSession;
import io.metallb.speaker.bgp.fsm.SessionFsm;
import io.metallb.speaker.bgp.fsm.SessionSettings;
import io.metallb.speaker.bgp.fsm.Timer;
import io.metallb.speaker.bgp.message.Capability;
import io.metallb.speaker.bgp.message.Family;
import io.metallb.speaker.bgp.message.Keepalive;
import io.metallb.speaker.bgp.message.Open;
import io.metallb.speaker.bgp.message.Update;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the session's whole path once on a synthetic table, in memory, so that its classes are
 * loaded and its call sites linked before a real session reaches Established: otherwise the
 * first full table to a router waits for that (about 100 ms measured in the lab benchmark). Uses
 * documentation addresses only and touches no socket.
 */
final class WarmUp {
  private static final int PREFIXES = 2_000;

  private WarmUp() {}

  /** Blocks for the warm-up, a few hundred milliseconds at most. */
  static void run() {
    SessionFsm fsm = new SessionFsm(new SessionSettings(64512, 64500, "", Duration.ofSeconds(90), Optional.empty(),
        Optional.empty(), EnumSet.allOf(Family.class), Optional.empty()));
    IpAddress local = IpAddress.of("192.0.2.2");
    fsm.handle(new Event.Start());
    fsm.handle(new Event.TcpConnected(local, 1));
    fsm.handle(new Event.Received(new Open(4, 64500, 90, 2, List.of(Capability.Multiprotocol.of(Family.IPV4_UNICAST),
        new Capability.FourOctetAs(64500), new Capability.RouteRefreshSupport()))));
    fsm.handle(new Event.Received(Keepalive.INSTANCE));
    fsm.handle(new Event.TimerExpired(Timer.KEEPALIVE));
    Map<Cidr, Advertisement> table = new LinkedHashMap<>();
    List<BgpCommunity> communities = List.of(new BgpCommunity.Standard(64512, 1), new BgpCommunity.Large(64512, 1, 1));
    for (int i = 0; i < PREFIXES; i++) {
      Cidr v4 = new Cidr(IpAddress.of("198.18." + (i / 250) + "." + (i % 250)), 32);
      Cidr v6 = new Cidr(IpAddress.of("2001:db8::" + Integer.toHexString(i)), 128);
      table.put(v4, new Advertisement(v4, i % 2 == 0 ? 0 : 200, i % 3 == 0 ? communities : List.of(), List.of()));
      table.put(v6, Advertisement.of(v6));
    }
    for (IpAddress address : List.of(local, IpAddress.of("2001:db8::2"))) {
      for (long peerAsn : new long[] {64500, 64512}) {
        RibOut rib = new RibOut();
        rib.setDesired(table);
        NegotiatedSession session = new NegotiatedSession(address, 64512, peerAsn, true, Duration.ofSeconds(90),
            Duration.ofSeconds(30), EnumSet.allOf(Family.class), true, 2);
        roundTrip(rib.established(session));
        roundTrip(rib.setDesired(Map.of()));
      }
    }
    fsm.handle(new Event.TimerExpired(Timer.HOLD));
  }

  private static void roundTrip(List<Update> updates) {
    EmbeddedChannel encode = new EmbeddedChannel(BgpMessageEncoder.FOUR_OCTET_AS);
    EmbeddedChannel decode = new EmbeddedChannel(new BgpFrameDecoder());
    try {
      updates.forEach(encode::writeOutbound);
      for (ByteBuf bytes = encode.readOutbound(); bytes != null; bytes = encode.readOutbound()) {
        decode.writeInbound(bytes);
      }
      for (Decoded d = decode.readInbound(); d != null; d = decode.readInbound()) {
        if (d instanceof Decoded.Malformed m) {
          throw new IllegalStateException("warm-up decoded its own UPDATE as malformed: " + m.notification().describe());
        }
      }
    } finally {
      encode.finishAndReleaseAll();
      decode.finishAndReleaseAll();
    }
  }
}
