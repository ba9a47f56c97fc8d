package io.metallb.speaker.memberlist.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metallb.speaker.memberlist.wire.Message.Alive;
import io.metallb.speaker.memberlist.wire.Message.Ping;
import io.metallb.speaker.memberlist.wire.Message.Suspect;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Framing layers against bytes written by Go memberlist 0.2.2, both directions. */
class PacketCodecTest {
  private static final byte[] KEY = HexFormat.of().parseHex(
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  private static final byte[] NONCE = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaab");
  private static final Alive ALIVE = new Alive(1, "node1", MessageCodecTest.NODE1_IP, 7946, Bytes.EMPTY,
      ProtocolVersions.DEFAULT);

  /** Hands out the nonce the Go generator used (its crypto/rand.Reader was replaced the same way). */
  static RandomGenerator fixedNonce() {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = NONCE[i % NONCE.length];
        }
      }
    };
  }

  private static PacketCodec plain() {
    return new PacketCodec(WireOptions.plaintext().withCompression(false));
  }

  private static PacketCodec encrypted(byte[] key, boolean compression) {
    return new PacketCodec(WireOptions.plaintext().withKeyring(Keyring.of(key)).withCompression(compression)
        .withNonces(fixedNonce()));
  }

  @Test
  void compoundMessagesMatchGo() {
    byte[] ping = GoGoldens.get("ping");
    byte[] suspect = GoGoldens.get("suspect");
    assertThat(PacketCodec.compound(List.of(ping, suspect))).isEqualTo(GoGoldens.get("compound"));
    assertThat(plain().encodePacket(List.of(ping, suspect), false)).isEqualTo(GoGoldens.get("compound"));
    assertThat(plain().decodePacket(GoGoldens.get("compound")).messages()).containsExactly(
        new Ping(1, "node2", MessageCodecTest.NODE1_IP, 7946, "node1"), new Suspect(5, "node2", "node1"));
  }

  @Test
  void aCompoundWithATruncatedPartKeepsTheGoodPartsAndCountsTheRest() {
    byte[] compound = GoGoldens.get("compound");
    byte[] cut = java.util.Arrays.copyOf(compound, compound.length - 3);
    PacketCodec.Decoded decoded = plain().decodePacket(cut);
    assertThat(decoded.messages()).hasSize(1);
    assertThat(decoded.drops()).containsExactly(DropReason.TRUNCATED);
  }

  @Test
  void compressionMatchesGoLzw() throws WireFormatException {
    assertThat(PacketCodec.compress(GoGoldens.get("alive"))).isEqualTo(GoGoldens.get("compressAlive"));
    assertThat(PacketCodec.compress(GoGoldens.get("lzwInput"))).isEqualTo(GoGoldens.get("compressLong"));
    assertThat(PacketCodec.compress(randomBytes())).isEqualTo(GoGoldens.get("compressRandom"));
    assertThat(plain().decodePacket(GoGoldens.get("compressAlive")).messages()).containsExactly(ALIVE);
  }

  @Test
  void lzwRoundTripsGoOutputIncludingTableResets() throws WireFormatException {
    byte[] random = randomBytes();
    byte[] goCompressed = GoGoldens.get("compressRandom");
    byte[] lzw = java.util.Arrays.copyOfRange(goCompressed, goCompressed.length - Lzw.compress(random).length,
        goCompressed.length);
    assertThat(Lzw.decompress(lzw, 1 << 20)).isEqualTo(random);
    assertThat(Lzw.decompress(Lzw.compress(new byte[0]), 10)).isEmpty();
    assertThatThrownBy(() -> Lzw.decompress(new byte[] {(byte) 0xff, (byte) 0xff}, 10))
        .isInstanceOf(WireFormatException.class);
  }

  /** The generator's input: an LCG, byte(x >> 16) of x = x*1103515245 + 12345 from 12345. */
  private static byte[] randomBytes() {
    byte[] out = new byte[6000];
    int x = 12345;
    for (int i = 0; i < out.length; i++) {
      x = x * 1103515245 + 12345;
      out[i] = (byte) (x >>> 16);
    }
    return out;
  }

  @Test
  void packetsAreCompressedOnlyWhenThatIsSmaller() {
    PacketCodec compressing = new PacketCodec(WireOptions.plaintext());
    byte[] small = MessageCodec.encode(new Message.Nack(1));
    assertThat(compressing.encodePacket(List.of(small), false)).isEqualTo(small);
    byte[] big = GoGoldens.get("lzwInput");
    assertThat(compressing.encodePacket(List.of(new byte[] {8}, big), false)[0]).isEqualTo((byte) 9);
  }

  @Test
  void encryptionMatchesGoForBothVersions() {
    assertThat(Encryption.encrypt(1, KEY, NONCE, GoGoldens.get("alive"), new byte[0]))
        .isEqualTo(GoGoldens.get("encryptV1"));
    assertThat(Encryption.encrypt(0, KEY, NONCE, GoGoldens.get("alive"), new byte[0]))
        .isEqualTo(GoGoldens.get("encryptV0"));
    assertThat(encrypted(KEY, false).encodePacket(List.of(GoGoldens.get("alive")), false))
        .isEqualTo(GoGoldens.get("encryptV1"));
    assertThat(encrypted(KEY, false).decodePacket(GoGoldens.get("encryptV1")).messages()).containsExactly(ALIVE);
    assertThat(encrypted(KEY, false).decodePacket(GoGoldens.get("encryptV0")).messages()).containsExactly(ALIVE);
  }

  @Test
  void aSecondKeyInTheKeyringStillDecrypts() {
    byte[] other = new byte[16];
    PacketCodec codec = new PacketCodec(WireOptions.plaintext().withKeyring(Keyring.of(other, KEY)));
    assertThat(codec.decodePacket(GoGoldens.get("encryptV1")).messages()).containsExactly(ALIVE);
  }

  @Test
  void wrongKeysAndPlaintextAreDroppedWithTheirReason() {
    byte[] wrong = Keyring.metallbKey("other");
    assertThat(encrypted(wrong, false).decodePacket(GoGoldens.get("encryptV1")).drops())
        .containsExactly(DropReason.DECRYPT_FAILED);
    assertThat(encrypted(KEY, false).decodePacket(GoGoldens.get("alive")).drops())
        .containsExactly(DropReason.NOT_ENCRYPTED);
    assertThatThrownBy(() -> plain().tryDecodeStream(GoGoldens.get("streamEncrypted"), 200))
        .isInstanceOfSatisfying(WireFormatException.class,
            e -> assertThat(e.reason()).isEqualTo(DropReason.ENCRYPTION_NOT_CONFIGURED));
  }

  @Test
  void encryptedStreamsMatchGo() throws WireFormatException {
    byte[] golden = GoGoldens.get("streamEncrypted");
    assertThat(encrypted(KEY, false).encodeStream(MessageCodecTest.pushPull())).isEqualTo(golden);
    assertThat(encrypted(KEY, false).tryDecodeStream(golden, golden.length)).contains(MessageCodecTest.pushPull());
    assertThat(encrypted(KEY, false).tryDecodeStream(golden, golden.length - 1)).isEmpty();
  }

  @Test
  void compressedEncryptedStreamsRoundTrip() throws WireFormatException {
    byte[] stream = encrypted(KEY, true).encodeStream(MessageCodecTest.pushPull());
    assertThat(encrypted(KEY, true).tryDecodeStream(stream, stream.length)).contains(MessageCodecTest.pushPull());
  }

  @Test
  void crcIsCheckedAndABadOneDropsThePacket() {
    byte[] packet = plain().encodePacket(List.of(GoGoldens.get("alive")), true);
    assertThat(packet[0]).isEqualTo((byte) 12);
    assertThat(plain().decodePacket(packet).messages()).containsExactly(ALIVE);
    packet[packet.length - 1] ^= 1;
    assertThat(plain().decodePacket(packet).drops()).containsExactly(DropReason.BAD_CRC);
  }

  @Test
  void labelsPrefixPacketsAndMustMatch() throws WireFormatException {
    PacketCodec labelled = new PacketCodec(WireOptions.plaintext().withCompression(false).withLabel("lab")
        .withKeyring(Keyring.of(KEY)).withNonces(fixedNonce()));
    byte[] packet = labelled.encodePacket(List.of(GoGoldens.get("alive")), false);
    assertThat(java.util.Arrays.copyOf(packet, 5)).isEqualTo(new byte[] {(byte) 244, 3, 'l', 'a', 'b'});
    assertThat(labelled.decodePacket(packet).messages()).containsExactly(ALIVE);
    assertThat(encrypted(KEY, false).decodePacket(packet).drops()).containsExactly(DropReason.LABEL_MISMATCH);
    assertThat(labelled.decodePacket(GoGoldens.get("encryptV1")).drops()).containsExactly(DropReason.LABEL_MISMATCH);
    byte[] stream = labelled.encodeStream(ALIVE);
    assertThat(labelled.tryDecodeStream(stream, stream.length)).contains(ALIVE);
  }

  @Test
  void metallbKeyDerivationFollowsTheQuirk() {
    assertThat(Keyring.metallbKey("abcdefghijklmnopqrstuv")).isEqualTo(GoGoldens.get("metallbKey"))
        .isEqualTo(HexFormat.of().parseHex("6162636465666768696a6b6c6d6e6f70717273747576e3b0c44298fc1c149afb"));
    assertThat(java.util.Base64.getEncoder().encodeToString(Keyring.metallbKey("metallb-lab")))
        .isEqualTo("bWV0YWxsYi1sYWLjsMRCmPwcFJr79MiZb7kkJ65B5GQ=");
  }
}
