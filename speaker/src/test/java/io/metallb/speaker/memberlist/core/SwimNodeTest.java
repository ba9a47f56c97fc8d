package io.metallb.speaker.memberlist.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.speaker.memberlist.wire.Bytes;
import io.metallb.speaker.memberlist.wire.MemberState;
import io.metallb.speaker.memberlist.wire.Message;
import io.metallb.speaker.memberlist.wire.Message.Ack;
import io.metallb.speaker.memberlist.wire.Message.Alive;
import io.metallb.speaker.memberlist.wire.Message.Dead;
import io.metallb.speaker.memberlist.wire.Message.NodeState;
import io.metallb.speaker.memberlist.wire.Message.Ping;
import io.metallb.speaker.memberlist.wire.Message.PushPull;
import io.metallb.speaker.memberlist.wire.Message.Suspect;
import io.metallb.speaker.memberlist.wire.ProtocolVersions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Handlers driven by hand: no timers fire, time stands still, packets are recorded. */
class SwimNodeTest {
  private record Sent(InetSocketAddress to, List<Message> messages) {}

  private final List<Sent> sent = new ArrayList<>();
  private final List<String> events = new ArrayList<>();
  private final List<Consumer<Network.StreamReply>> pendingRequests = new ArrayList<>();
  private final InetSocketAddress self = address(1);
  private final SwimNode node = new SwimNode(MemberlistConfig.lan(),
      new SwimNode.Identity("n1", self, Bytes.EMPTY), InstantSource.fixed(Instant.EPOCH),
      (delay, task) -> () -> { }, new SplittableRandom(7), new Network() {
        @Override
        public void sendPacket(InetSocketAddress to, List<Message> messages, List<byte[]> encoded, boolean crc) {
          sent.add(new Sent(to, messages));
        }

        @Override
        public void request(InetSocketAddress to, Message request, Duration timeout,
            Consumer<StreamReply> onReply) {
          pendingRequests.add(onReply);
        }
      }, new MembershipListener() {
        @Override
        public void onJoin(Member m) {
          events.add("join " + m.name());
        }

        @Override
        public void onLeave(Member m) {
          events.add("leave " + m.name() + " " + m.state());
        }
      }, 0);

  private static InetSocketAddress address(int host) {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, (byte) host}), 7946);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Alive alive(String name, int host, long incarnation) {
    return new Alive(incarnation, name, Bytes.of(address(host).getAddress().getAddress()), 7946, Bytes.EMPTY,
        ProtocolVersions.DEFAULT);
  }

  private Member self() {
    return node.member("n1").orElseThrow();
  }

  @Test
  void startingMakesItselfAliveAtIncarnationOneAndReportsItsOwnJoin() {
    node.start();
    assertThat(self().state()).isEqualTo(MemberState.ALIVE);
    assertThat(self().incarnation()).isEqualTo(1);
    assertThat(events).containsExactly("join n1");
  }

  @Test
  void aPingForThisNodeIsAckedToItsSourceAddressAndOneForAnotherNodeIsIgnored() {
    node.start();
    node.onPacket(address(9), new Ping(42, "n1", Bytes.of(address(2).getAddress().getAddress()), 7946, "n2"));
    assertThat(sent).hasSize(1);
    assertThat(sent.getFirst().to()).isEqualTo(address(2));
    assertThat(sent.getFirst().messages().getFirst()).isEqualTo(new Ack(42, Bytes.EMPTY));
    node.onPacket(address(9), new Ping(43, "someone-else", Bytes.EMPTY, 0, ""));
    assertThat(sent).hasSize(1);
  }

  @Test
  void aSuspicionOfItselfIsRefutedWithAHigherIncarnationAndLowersItsHealth() {
    node.start();
    node.onPacket(address(2), new Suspect(5, "n1", "n2"));
    assertThat(self().incarnation()).isEqualTo(6);
    assertThat(self().state()).isEqualTo(MemberState.ALIVE);
    assertThat(node.healthScore()).isEqualTo(1);
    node.onPacket(address(2), new Ping(1, "n1", Bytes.EMPTY, 0, ""));
    assertThat(sent.getLast().messages()).contains(new Alive(6, "n1", Bytes.of(self.getAddress().getAddress()),
        7946, Bytes.EMPTY, ProtocolVersions.DEFAULT));
  }

  @Test
  void newMembersJoinAndAStaleAliveIsIgnored() {
    node.start();
    node.onPacket(address(2), alive("n2", 2, 3));
    node.onPacket(address(2), alive("n2", 2, 2));
    assertThat(node.member("n2").orElseThrow().incarnation()).isEqualTo(3);
    assertThat(events).containsExactly("join n1", "join n2");
  }

  @Test
  void aSuspectedMemberIsSuspectUntilItRefutes() {
    node.start();
    node.onPacket(address(2), alive("n2", 2, 1));
    node.onPacket(address(3), new Suspect(1, "n2", "n3"));
    assertThat(node.member("n2").orElseThrow().state()).isEqualTo(MemberState.SUSPECT);
    node.onPacket(address(2), alive("n2", 2, 2));
    assertThat(node.member("n2").orElseThrow().state()).isEqualTo(MemberState.ALIVE);
    assertThat(events).doesNotContain("leave n2 DEAD");
  }

  @Test
  void aDeadMessageFromTheMemberItselfMeansItLeft() {
    node.start();
    node.onPacket(address(2), alive("n2", 2, 1));
    node.onPacket(address(3), alive("n3", 3, 1));
    node.onPacket(address(2), new Dead(1, "n2", "n2"));
    node.onPacket(address(2), new Dead(1, "n3", "n2"));
    assertThat(events).containsSubsequence("leave n2 LEFT", "leave n3 DEAD");
  }

  @Test
  void aNameHeldByALiveMemberCannotMoveToAnotherAddress() {
    node.start();
    node.onPacket(address(2), alive("n2", 2, 1));
    node.onPacket(address(5), alive("n2", 5, 9));
    assertThat(node.member("n2").orElseThrow().address()).isEqualTo(address(2).getAddress());
  }

  @Test
  void pushPullAnswersWithTheLocalStateThenMergesTheRemoteOne() {
    node.start();
    NodeState n2 = new NodeState("n2", Bytes.of(address(2).getAddress().getAddress()), 7946, Bytes.EMPTY, 4,
        MemberState.ALIVE, ProtocolVersions.DEFAULT);
    Message reply = node.onStream(address(2), new PushPull(true, List.of(n2), Bytes.EMPTY)).orElseThrow();
    assertThat(((PushPull) reply).nodes()).extracting(NodeState::name).containsExactly("n1");
    assertThat(node.member("n2").orElseThrow().incarnation()).isEqualTo(4);
  }

  @Test
  void incompatibleProtocolVersionsAreRefused() {
    node.start();
    NodeState future = new NodeState("n9", Bytes.of(address(9).getAddress().getAddress()), 7946, Bytes.EMPTY, 1,
        MemberState.ALIVE, new ProtocolVersions(6, 7, 6, 0, 0, 0));
    node.onStream(address(9), new PushPull(false, List.of(future), Bytes.EMPTY));
    assertThat(node.member("n9")).isEmpty();
  }

  @Test
  void joinReportsTheSeedsThatAnswered() {
    node.start();
    List<SwimNode.JoinResult> results = new ArrayList<>();
    node.join(List.of(address(2), address(3)), results::add);
    pendingRequests.get(0).accept(new Network.StreamReply.Response(new PushPull(true, List.of(), Bytes.EMPTY)));
    pendingRequests.get(1).accept(new Network.StreamReply.Failure("connection refused"));
    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.contacted()).isEqualTo(1);
      assertThat(r.errors()).singleElement().asString().contains("connection refused");
    });
  }
}
