package io.metallb.speaker.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.net.IpAddress;
import io.metallb.speaker.ffm.LinkLayerSocket;
import io.metallb.speaker.layer2.packet.DropReason;
import io.metallb.speaker.layer2.packet.Frame;
import io.metallb.speaker.layer2.packet.FrameCodec;
import io.metallb.speaker.layer2.packet.MacAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ResponderTest {
  static final MacAddress NODE = MacAddress.parse("02:00:00:00:00:11");
  static final MacAddress CLIENT = MacAddress.parse("02:00:00:00:01:00");
  static final IpAddress LINK_LOCAL = IpAddress.of("fe80::11");
  static final Set<IpAddress> OWNED = Set.of(IpAddress.of("198.51.100.200"), IpAddress.of("2001:db8:100::200"));

  static Responder.Outcome answer(Frame f) {
    return Responder.answer(f, NODE, LINK_LOCAL, OWNED::contains);
  }

  static Frame.Arp request(MacAddress destination, String target) {
    return new Frame.Arp(destination, CLIENT, Frame.Arp.REQUEST, CLIENT, IpAddress.of("198.51.100.100"), MacAddress.ZERO, IpAddress.of(target));
  }

  @Test
  void arpRequestsForAnnouncedAddressesGetAUnicastReply() {
    assertThat(answer(request(MacAddress.BROADCAST, "198.51.100.200"))).isEqualTo(new Responder.Outcome.Answer(
        new Frame.Arp(CLIENT, NODE, Frame.Arp.REPLY, NODE, IpAddress.of("198.51.100.200"), CLIENT, IpAddress.of("198.51.100.100")),
        IpAddress.of("198.51.100.200")));
    assertThat(answer(request(NODE, "198.51.100.200"))).isInstanceOf(Responder.Outcome.Answer.class);
    assertThat(answer(request(MacAddress.parse("02:00:00:00:00:99"), "198.51.100.200"))).isEqualTo(new Responder.Outcome.Skipped(Responder.Skip.NOT_FOR_THIS_INTERFACE));
    assertThat(answer(request(MacAddress.BROADCAST, "198.51.100.201"))).isEqualTo(new Responder.Outcome.Skipped(Responder.Skip.NOT_ANNOUNCED));
    Frame.Arp reply = new Frame.Arp(MacAddress.BROADCAST, CLIENT, Frame.Arp.REPLY, CLIENT, IpAddress.of("198.51.100.100"), MacAddress.ZERO, IpAddress.of("198.51.100.200"));
    assertThat(answer(reply)).isEqualTo(new Responder.Outcome.Skipped(Responder.Skip.NOT_A_REQUEST));
  }

  @Test
  void solicitationsWithALinkLayerAddressGetASolicitedAdvertisement() {
    Frame.NeighborSolicitation ns = new Frame.NeighborSolicitation(MacAddress.parse("33:33:ff:00:02:00"), CLIENT, IpAddress.of("2001:db8:100::100"),
        IpAddress.of("ff02::1:ff00:200"), IpAddress.of("2001:db8:100::200"), CLIENT);
    assertThat(answer(ns)).isEqualTo(new Responder.Outcome.Answer(new Frame.NeighborAdvertisement(CLIENT, NODE, LINK_LOCAL, IpAddress.of("2001:db8:100::100"),
        false, true, false, IpAddress.of("2001:db8:100::200"), NODE), IpAddress.of("2001:db8:100::200")));
    Frame.NeighborSolicitation dad = new Frame.NeighborSolicitation(ns.destination(), CLIENT, IpAddress.of("::"), ns.ipDestination(), ns.target(), null);
    assertThat(answer(dad)).isEqualTo(new Responder.Outcome.Skipped(Responder.Skip.NO_SOURCE_LINK_LAYER_ADDRESS));
  }

  @Test
  void gratuitousFramesAreMetalLbs() {
    Frame.Arp[] frames = Responder.gratuitousArp(NODE, IpAddress.of("198.51.100.200"));
    assertThat(frames).extracting(Frame.Arp::operation).containsExactly(1, 2);
    assertThat(frames).allSatisfy(f -> {
      assertThat(f.destination()).isEqualTo(MacAddress.BROADCAST);
      assertThat(f.targetHardware()).isEqualTo(MacAddress.BROADCAST);
      assertThat(f.senderIp()).isEqualTo(f.targetIp());
    });
    Frame.NeighborAdvertisement na = Responder.unsolicitedAdvertisement(NODE, LINK_LOCAL, IpAddress.of("2001:db8:100::200"));
    assertThat(na.ipDestination()).isEqualTo(IpAddress.of("ff02::1"));
    assertThat(na.override()).isTrue();
    assertThat(na.solicited()).isFalse();
  }

  /** An in-memory link: frames the test pushes in, frames the responder sends out. */
  static final class FakeSocket implements LinkLayerSocket {
    final BlockingQueue<byte[]> in = new LinkedBlockingQueue<>();
    final List<byte[]> out = new CopyOnWriteArrayList<>();

    @Override
    public void send(byte[] frame) {
      out.add(frame);
    }

    @Override
    public Optional<byte[]> receive(Duration timeout) throws java.io.IOException {
      try {
        return Optional.ofNullable(in.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
      } catch (InterruptedException e) {
        throw new java.io.InterruptedIOException();
      }
    }

    @Override
    public void joinMulticast(byte[] mac) {}

    @Override
    public void leaveMulticast(byte[] mac) {}

    @Override
    public void close() {}
  }

  @Test
  void theLoopAnswersAndCountsWhatItDrops() throws Exception {
    FakeSocket socket = new FakeSocket();
    List<IpAddress> received = new CopyOnWriteArrayList<>();
    List<IpAddress> sent = new CopyOnWriteArrayList<>();
    try (ResponderLoop loop = new ResponderLoop("test", socket, NODE, LINK_LOCAL, OWNED::contains, received::add, sent::add)) {
      socket.in.add(new byte[3]);
      socket.in.add(FrameCodec.encode(request(MacAddress.BROADCAST, "198.51.100.201")));
      socket.in.add(FrameCodec.encode(request(MacAddress.BROADCAST, "198.51.100.200")));
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (socket.out.isEmpty() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(socket.out).hasSize(1);
      assertThat(FrameCodec.decode(socket.out.get(0))).isInstanceOf(FrameCodec.Decoded.Ok.class);
      assertThat(received).containsExactly(IpAddress.of("198.51.100.200"));
      assertThat(sent).containsExactly(IpAddress.of("198.51.100.200"));
      assertThat(loop.drops().get(DropReason.TRUNCATED)).isEqualTo(1);
      assertThat(loop.skips().get(Responder.Skip.NOT_ANNOUNCED)).isEqualTo(1);
    }
  }
}
