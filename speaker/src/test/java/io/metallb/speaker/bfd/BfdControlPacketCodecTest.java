package io.metallb.speaker.bfd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metallb.speaker.bgp.codec.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Golden bytes both ways ({@code encode(packet) == bytes}, {@code decode(bytes) == packet}) and the §6.8.6 discard rules. */
class BfdControlPacketCodecTest {
  /** Our Up packet with a Poll: 100 ms timers, multiplier 3. */
  static final String UP_POLL = """
      20          # version 1, diag 0
      e0          # state Up (3 << 6), P
      03 18       # detect mult 3, length 24
      12345678    # my discriminator
      9abcdef0    # your discriminator (above 2^31: unsigned)
      000186a0    # desired min tx 100,000 us
      000186a0    # required min rx 100,000 us
      00000000    # required min echo rx 0: no Echo
      """;

  private static void assertGolden(ControlPacket packet, byte[] bytes) {
    assertThat(ControlPacketCodec.encode(packet)).as("encode").isEqualTo(bytes);
    assertThat(ControlPacketCodec.decode(bytes)).as("decode").isEqualTo(new Decoded.Packet(packet));
  }

  private static DropReason dropped(byte[] bytes) {
    return switch (ControlPacketCodec.decode(bytes)) {
      case Decoded.Dropped d -> d.reason();
      case Decoded.Packet p -> throw new AssertionError("accepted " + p);
    };
  }

  private static byte[] with(String hex, int offset, int value) {
    byte[] b = Hex.bytes(hex);
    b[offset] = (byte) value;
    return b;
  }

  @Test
  void upWithPoll() {
    assertGolden(new ControlPacket(0, SessionState.UP, true, false, false, false, 3, 0x12345678L, 0x9abcdef0L, 100_000, 100_000, 0),
        Hex.bytes(UP_POLL));
  }

  @Test
  void everyFlagDiagnosticAndExtremeField() {
    assertGolden(new ControlPacket(31, SessionState.ADMIN_DOWN, false, true, true, true, 255, 0xffffffffL, 0, 0xffffffffL, 0, 0xffffffffL),
        Hex.bytes("""
            3f          # version 1, diag 31 (reserved, still valid)
            1a          # state AdminDown, F, C, D
            ff 18       # detect mult 255, length 24
            ffffffff    # my discriminator
            00000000    # your discriminator
            ffffffff    # desired min tx
            00000000    # required min rx 0: send me nothing periodic
            ffffffff    # required min echo rx
            """));
  }

  @Test
  void frrPacketsCapturedInTheLabDecodeAndReencodeByteForByte() {
    record Capture(String file, ControlPacket packet) {}
    for (Capture c : new Capture[] {
        new Capture("frr-8.4-down.hex", new ControlPacket(0, SessionState.DOWN, false, false, false, false, 3, 0x82da0a1aL, 0,
            1_000_000, 1_000_000, 50_000)),
        new Capture("frr-8.4-init.hex", new ControlPacket(0, SessionState.INIT, false, false, false, false, 3, 0xb4252fb3L, 0x82da0a1aL,
            1_000_000, 1_000_000, 50_000)),
        new Capture("frr-8.4-up-poll.hex", new ControlPacket(0, SessionState.UP, true, false, false, false, 3, 0x82da0a1aL, 0xb4252fb3L,
            300_000, 300_000, 50_000)),
        new Capture("frr-8.4-up-final.hex", new ControlPacket(0, SessionState.UP, false, true, false, false, 3, 0xb4252fb3L, 0x82da0a1aL,
            100_000, 100_000, 50_000))}) {
      byte[] bytes = Hex.resource("/bfd/interop/" + c.file());
      assertThat(ControlPacketCodec.decode(bytes)).as(c.file()).isEqualTo(new Decoded.Packet(c.packet()));
      assertThat(ControlPacketCodec.encode(c.packet())).as(c.file()).isEqualTo(bytes);
    }
  }

  @Test
  void bytesAfterTheLengthFieldAreIgnored() {
    byte[] padded = Arrays.copyOf(Hex.bytes(UP_POLL), 30);
    assertThat(ControlPacketCodec.decode(padded)).isEqualTo(ControlPacketCodec.decode(Hex.bytes(UP_POLL)));
    assertThat(ControlPacketCodec.decode(padded, 24)).isEqualTo(ControlPacketCodec.decode(Hex.bytes(UP_POLL)));
  }

  /** RFC 5880 §6.8.6, rule by rule, in its order. */
  @Test
  void discardRules() {
    assertThat(dropped(new byte[0])).isEqualTo(DropReason.BAD_LENGTH);
    assertThat(dropped(with(UP_POLL, 0, 0x00))).as("version 0").isEqualTo(DropReason.BAD_VERSION);
    assertThat(dropped(with(UP_POLL, 0, 0x40))).as("version 2").isEqualTo(DropReason.BAD_VERSION);
    assertThat(dropped(Arrays.copyOf(Hex.bytes(UP_POLL), 3))).as("no length field").isEqualTo(DropReason.BAD_LENGTH);
    assertThat(dropped(Arrays.copyOf(Hex.bytes(UP_POLL), 23))).as("length 24 > datagram 23").isEqualTo(DropReason.BAD_LENGTH);
    assertThat(dropped(with(UP_POLL, 3, 23))).as("length 23").isEqualTo(DropReason.BAD_LENGTH);
    assertThat(dropped(with(UP_POLL, 1, 0xe4))).as("A bit, length 24 < 26").isEqualTo(DropReason.BAD_LENGTH);
    byte[] auth = Arrays.copyOf(with(UP_POLL, 1, 0xe4), 26);
    auth[3] = 26;
    assertThat(dropped(auth)).as("A bit without authentication configured").isEqualTo(DropReason.AUTHENTICATION);
    assertThat(dropped(with(UP_POLL, 2, 0))).isEqualTo(DropReason.ZERO_DETECT_MULTIPLIER);
    assertThat(dropped(with(UP_POLL, 1, 0xe1))).isEqualTo(DropReason.MULTIPOINT);
    byte[] noMy = Hex.bytes(UP_POLL);
    Arrays.fill(noMy, 4, 8, (byte) 0);
    assertThat(dropped(noMy)).isEqualTo(DropReason.ZERO_MY_DISCRIMINATOR);
    byte[] noYour = Hex.bytes(UP_POLL);
    Arrays.fill(noYour, 8, 12, (byte) 0);
    assertThat(dropped(noYour)).as("Up").isEqualTo(DropReason.ZERO_YOUR_DISCRIMINATOR);
    noYour[1] = (byte) 0x80;
    assertThat(dropped(noYour)).as("Init").isEqualTo(DropReason.ZERO_YOUR_DISCRIMINATOR);
    noYour[1] = (byte) 0x40;
    assertThat(ControlPacketCodec.decode(noYour)).as("Down may not know us yet").isInstanceOf(Decoded.Packet.class);
    noYour[1] = (byte) 0x00;
    assertThat(ControlPacketCodec.decode(noYour)).as("AdminDown neither").isInstanceOf(Decoded.Packet.class);
  }

  @Test
  void recordRefusesWhatTheCodecWouldDiscard() {
    assertThatThrownBy(() -> new ControlPacket(0, SessionState.UP, false, false, false, false, 0, 1, 1, 1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ControlPacket(0, SessionState.UP, false, false, false, false, 3, 0, 1, 1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ControlPacket(32, SessionState.UP, false, false, false, false, 3, 1, 1, 1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ControlPacket(0, SessionState.UP, false, false, false, false, 3, 1, 1, 1L << 32, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void diagnosticsAndStatesKeepTheirWireCodes() {
    assertThat(Arrays.stream(Diagnostic.values()).mapToInt(Diagnostic::code)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(Arrays.stream(SessionState.values()).mapToInt(SessionState::code)).containsExactly(0, 1, 2, 3);
    assertThat(Diagnostic.of(9)).isEmpty();
    assertThat(new ControlPacket(7, SessionState.ADMIN_DOWN, false, false, false, false, 3, 1, 0, 1, 1, 0).knownDiagnostic())
        .contains(Diagnostic.ADMINISTRATIVELY_DOWN);
  }
}
