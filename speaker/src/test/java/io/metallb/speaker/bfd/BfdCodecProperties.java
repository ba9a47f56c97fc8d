package io.metallb.speaker.bfd;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every valid packet round-trips, and no byte string makes the decoder throw. */
class BfdCodecProperties {
  @Provide
  Arbitrary<ControlPacket> packets() {
    Arbitrary<Long> u32 = Arbitraries.longs().between(0, ControlPacket.MAX_UINT32);
    Arbitrary<ControlPacket> head = Combinators.combine(Arbitraries.integers().between(0, 31), Arbitraries.of(SessionState.class),
        Arbitraries.integers().between(0, 15), Arbitraries.integers().between(1, 255), Arbitraries.longs().between(1, ControlPacket.MAX_UINT32),
        u32).as((diag, state, flags, mult, my, your) -> new ControlPacket(diag, state, (flags & 8) != 0, (flags & 4) != 0, (flags & 2) != 0,
            (flags & 1) != 0, mult, my, state == SessionState.UP || state == SessionState.INIT ? Math.max(1, your) : your, 0, 0, 0));
    return Combinators.combine(head, u32, u32, u32).as((p, tx, rx, echo) -> new ControlPacket(p.diagnostic(), p.state(), p.pollBit(),
        p.finalBit(), p.controlPlaneIndependentBit(), p.demandBit(), p.detectMultiplier(), p.myDiscriminator(), p.yourDiscriminator(),
        tx, rx, echo));
  }

  @Property(tries = 500)
  void packetsRoundTrip(@ForAll("packets") ControlPacket packet) {
    assertThat(ControlPacketCodec.decode(ControlPacketCodec.encode(packet))).isEqualTo(new Decoded.Packet(packet));
  }

  @Property(tries = 2000)
  void arbitraryBytesAreDecodedOrDropped(@ForAll byte[] datagram) {
    assertThat(ControlPacketCodec.decode(datagram)).isNotNull();
  }

  @Property(tries = 1000)
  void arbitraryBytesBehindAValidFirstByteAreDecodedOrDropped(@ForAll byte[] tail) {
    byte[] datagram = new byte[tail.length + 1];
    datagram[0] = 0x20;
    System.arraycopy(tail, 0, datagram, 1, tail.length);
    assertThat(ControlPacketCodec.decode(datagram)).isNotNull();
  }
}
