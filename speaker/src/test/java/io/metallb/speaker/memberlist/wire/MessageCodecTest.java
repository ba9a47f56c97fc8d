package io.metallb.speaker.memberlist.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metallb.speaker.memberlist.wire.Message.Ack;
import io.metallb.speaker.memberlist.wire.Message.Alive;
import io.metallb.speaker.memberlist.wire.Message.Dead;
import io.metallb.speaker.memberlist.wire.Message.ErrorResponse;
import io.metallb.speaker.memberlist.wire.Message.IndirectPing;
import io.metallb.speaker.memberlist.wire.Message.Nack;
import io.metallb.speaker.memberlist.wire.Message.NodeState;
import io.metallb.speaker.memberlist.wire.Message.Ping;
import io.metallb.speaker.memberlist.wire.Message.PushPull;
import io.metallb.speaker.memberlist.wire.Message.Suspect;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message type against bytes written by Go memberlist 0.2.2, both directions. */
class MessageCodecTest {
  static final Bytes NODE1_IP = Bytes.ofHex("c633640b"); // 198.51.100.11
  static final Bytes NODE3_IP = Bytes.ofHex("c633640d"); // 198.51.100.13
  static final ProtocolVersions VSN = ProtocolVersions.DEFAULT;

  static Stream<Arguments> goldens() {
    return Stream.of(
        Arguments.of("ping", new Ping(1, "node2", NODE1_IP, 7946, "node1")),
        Arguments.of("pingBare", new Ping(300, "node2", Bytes.EMPTY, 0, "")),
        Arguments.of("indirectPing", new IndirectPing(2, NODE3_IP, 7946, "node3", true, NODE1_IP, 7946, "node1")),
        Arguments.of("ackResp", new Ack(3, Bytes.EMPTY)),
        Arguments.of("ackRespPayload", new Ack(70000, Bytes.ofHex("010203"))),
        Arguments.of("nackResp", new Nack(4)),
        Arguments.of("errResp", new ErrorResponse("boom")),
        Arguments.of("suspect", new Suspect(5, "node2", "node1")),
        Arguments.of("alive", new Alive(1, "node1", NODE1_IP, 7946, Bytes.EMPTY, VSN)),
        Arguments.of("aliveMeta", new Alive(0xFFFF_FFFFL, "node1", Bytes.ofHex("20010db8010000000000000000000011"),
            7946, Bytes.of("meta".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), VSN)),
        Arguments.of("dead", new Dead(6, "node2", "node1")),
        Arguments.of("deadLeft", new Dead(7, "node1", "node1")),
        Arguments.of("pushPull", pushPull()));
  }

  static PushPull pushPull() {
    return new PushPull(true, List.of(
        new NodeState("node1", NODE1_IP, 7946, Bytes.EMPTY, 1, MemberState.ALIVE, VSN),
        new NodeState("node3", NODE3_IP, 7946, Bytes.EMPTY, 9, MemberState.SUSPECT, VSN)), Bytes.EMPTY);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void writesWhatGoWrites(String golden, Message message) {
    assertThat(MessageCodec.encode(message)).isEqualTo(GoGoldens.get(golden));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void readsWhatGoWrites(String golden, Message message) throws WireFormatException {
    assertThat(MessageCodec.decode(GoGoldens.get(golden))).isEqualTo(message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void readsItsStreamForm(String golden, Message message) throws WireFormatException {
    PacketCodec plain = new PacketCodec(WireOptions.plaintext().withCompression(false));
    byte[] bytes = GoGoldens.get(golden);
    assertThat(plain.tryDecodeStream(bytes, bytes.length)).contains(message);
  }

  @ParameterizedTest(name = "{0} cut short")
  @MethodSource("goldens")
  void aStreamCutShortAsksForMore(String golden, Message message) throws WireFormatException {
    PacketCodec plain = new PacketCodec(WireOptions.plaintext().withCompression(false));
    byte[] bytes = GoGoldens.get(golden);
    for (int cut = 0; cut < bytes.length - 1; cut++) {
      assertThat(plain.tryDecodeStream(bytes, cut)).as("first %d bytes", cut).isEmpty();
    }
  }

  @org.junit.jupiter.api.Test
  void unknownTypesAndGarbageAreRejectedWithAReason() {
    assertThatThrownBy(() -> MessageCodec.decode(new byte[] {(byte) 99}))
        .isInstanceOfSatisfying(WireFormatException.class, e -> assertThat(e.reason()).isEqualTo(DropReason.UNKNOWN_TYPE));
    assertThatThrownBy(() -> MessageCodec.decode(new byte[] {4, (byte) 0xc1}))
        .isInstanceOfSatisfying(WireFormatException.class, e -> assertThat(e.reason()).isEqualTo(DropReason.MALFORMED_BODY));
    assertThatThrownBy(() -> MessageCodec.decode(new byte[0]))
        .isInstanceOfSatisfying(WireFormatException.class, e -> assertThat(e.reason()).isEqualTo(DropReason.TRUNCATED));
  }

  @Property(tries = 200)
  void aliveRoundTrips(@ForAll @LongRange(max = 0xFFFF_FFFFL) long incarnation,
      @ForAll @StringLength(max = 300) String node, @ForAll @IntRange(max = 65535) int port,
      @ForAll byte[] meta) throws WireFormatException {
    Alive alive = new Alive(incarnation, node, NODE1_IP, port, Bytes.of(meta), VSN);
    assertThat(MessageCodec.decode(MessageCodec.encode(alive))).isEqualTo(alive);
  }

  @Property(tries = 300)
  void garbageNeverEscapesAsAnUncheckedException(@ForAll byte[] garbage) {
    PacketCodec codec = new PacketCodec(WireOptions.plaintext());
    PacketCodec.Decoded decoded = codec.decodePacket(garbage);
    assertThat(decoded.messages().size() + decoded.drops().size()).isGreaterThanOrEqualTo(garbage.length == 0 ? 1 : 0);
    try {
      codec.tryDecodeStream(garbage, garbage.length);
    } catch (WireFormatException expected) {
      assertThat(expected.reason()).isNotNull();
    }
  }
}
