package io.metallb.speaker.memberlist.core;

import io.metallb.speaker.memberlist.wire.Message;
import io.metallb.speaker.memberlist.wire.MessageCodec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntSupplier;

/**
 * memberlist's {@code TransmitLimitedQueue} (queue.go): gossip waiting to be piggybacked, each
 * item sent at most {@code retransmitLimit(mult, n)} times, the least-sent first and, among
 * those, the largest that fits. A new broadcast about a member replaces the queued one about the
 * same member. Not thread-safe: owned by one core.
 */
public final class BroadcastQueue {
  /** A queued broadcast. {@code onFinished} runs once it was sent enough times or replaced. */
  private static final class Item {
    final String member;
    final Message message;
    final byte[] encoded;
    final long id;
    final Runnable onFinished;
    int transmits;

    Item(String member, Message message, byte[] encoded, long id, Runnable onFinished) {
      this.member = member;
      this.message = message;
      this.encoded = encoded;
      this.id = id;
      this.onFinished = onFinished;
    }
  }

  /** memberlist {@code limitedBroadcast.Less}: fewer transmits, then longer, then newer first. */
  private static final Comparator<Item> ORDER = Comparator.<Item>comparingInt(i -> i.transmits)
      .thenComparing(Comparator.<Item>comparingInt(i -> i.encoded.length).reversed())
      .thenComparing(Comparator.<Item>comparingLong(i -> i.id).reversed());

  private final int retransmitMult;
  private final IntSupplier numNodes;
  private final TreeSet<Item> queue = new TreeSet<>(ORDER);
  private long nextId;

  /**
   * A queue whose retransmit limit follows {@code numNodes} (memberlist {@code NumNodes}).
   */
  public BroadcastQueue(int retransmitMult, IntSupplier numNodes) {
    this.retransmitMult = retransmitMult;
    this.numNodes = numNodes;
  }

  /** A message and its encoding, as handed out for a packet. */
  public record Encoded(Message message, byte[] bytes) {}

  /** Queues gossip about {@code member}, replacing older gossip about it. */
  public void queue(String member, Message message, Runnable onFinished) {
    queue.removeIf(item -> {
      if (item.member.equals(member)) {
        item.onFinished.run();
        return true;
      }
      return false;
    });
    queue.add(new Item(member, message, MessageCodec.encode(message), nextId++, onFinished));
  }

  /** Queues gossip about {@code member}. */
  public void queue(String member, Message message) {
    queue(member, message, () -> { });
  }

  /**
   * memberlist {@code GetBroadcasts}: takes messages to piggyback within {@code limit} bytes,
   * counting {@code overhead} bytes per message, and counts a transmit for each.
   */
  public List<Encoded> take(int overhead, int limit) {
    int transmitLimit = SwimMath.retransmitLimit(retransmitMult, numNodes.getAsInt());
    List<Encoded> out = new ArrayList<>();
    List<Item> reinsert = new ArrayList<>();
    int used = 0;
    if (queue.isEmpty()) {
      return out;
    }
    int tier = queue.first().transmits;
    int maxTier = queue.stream().mapToInt(i -> i.transmits).max().orElse(tier);
    while (tier <= maxTier) {
      int free = limit - used - overhead;
      if (free <= 0) {
        break;
      }
      Item keep = null;
      for (Item item : queue) {
        if (item.transmits == tier && item.encoded.length <= free) {
          keep = item;
          break;
        }
      }
      if (keep == null) {
        tier++;
        continue;
      }
      used += overhead + keep.encoded.length;
      out.add(new Encoded(keep.message, keep.encoded));
      queue.remove(keep);
      if (keep.transmits + 1 >= transmitLimit) {
        keep.onFinished.run();
      } else {
        keep.transmits++;
        reinsert.add(keep);
      }
    }
    queue.addAll(reinsert);
    return out;
  }

  /** Queued broadcasts. */
  public int size() {
    return queue.size();
  }

  /**
   * memberlist {@code Prune}: drops the oldest-most-sent broadcasts beyond {@code maxRetain}.
   */
  public void prune(int maxRetain) {
    while (queue.size() > maxRetain) {
      queue.pollLast().onFinished.run();
    }
  }
}
