package io.metallb.speaker.memberlist.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.speaker.memberlist.wire.Message;
import io.metallb.speaker.memberlist.wire.Message.Dead;
import io.metallb.speaker.memberlist.wire.Message.Suspect;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BroadcastQueueTest {
  @Test
  void aNewerBroadcastAboutAMemberReplacesTheOlderOne() {
    List<String> finished = new ArrayList<>();
    BroadcastQueue q = new BroadcastQueue(4, () -> 3);
    q.queue("a", new Suspect(1, "a", "x"), () -> finished.add("suspect"));
    q.queue("a", new Dead(1, "a", "x"), () -> finished.add("dead"));
    assertThat(q.size()).isEqualTo(1);
    assertThat(finished).containsExactly("suspect");
    assertThat(q.take(2, 1400)).extracting(BroadcastQueue.Encoded::message).containsExactly(new Dead(1, "a", "x"));
  }

  @Test
  void itemsAreSentRetransmitLimitTimesLeastSentFirst() {
    // retransmitLimit(2, 9) = 2
    BroadcastQueue q = new BroadcastQueue(2, () -> 9);
    boolean[] done = {false};
    q.queue("a", new Suspect(1, "a", "x"), () -> done[0] = true);
    assertThat(q.take(2, 1400)).hasSize(1);
    q.queue("b", new Suspect(1, "b", "x"));
    List<Message> second = q.take(2, 1400).stream().map(BroadcastQueue.Encoded::message).toList();
    assertThat(second).containsExactly(new Suspect(1, "b", "x"), new Suspect(1, "a", "x"));
    assertThat(done[0]).isTrue();
    assertThat(q.size()).isEqualTo(1);
  }

  @Test
  void onlyWhatFitsIsTaken() {
    BroadcastQueue q = new BroadcastQueue(4, () -> 3);
    q.queue("a", new Suspect(1, "a", "x"));
    q.queue("b", new Suspect(1, "b", "x"));
    int one = io.metallb.speaker.memberlist.wire.MessageCodec.encode(new Suspect(1, "a", "x")).length;
    assertThat(q.take(2, one + 2)).hasSize(1);
    assertThat(q.take(2, one + 1)).isEmpty();
  }
}
