package io.metallb.speaker.memberlist.sim;

import java.time.Duration;
import java.util.Set;

/** A network fault, as a value the simulated network applies to every packet and stream. */
sealed interface Fault {
  /** Drops each packet (and each TCP segment, costing a retransmission) with this probability. */
  record Loss(double probability) implements Fault {}

  /** Adds {@code mean ± jitter} (uniform) to every delivery. */
  record Delay(Duration mean, Duration jitter) implements Fault {}

  /** Nothing passes between the two sides, in either direction. */
  record Partition(Set<String> side, Set<String> otherSide) implements Fault {
    boolean separates(String a, String b) {
      return side.contains(a) && otherSide.contains(b) || side.contains(b) && otherSide.contains(a);
    }
  }

  /** Everything to and from this node is dropped (a frozen process, a pulled cable). */
  record Isolate(String node) implements Fault {}
}
