package io.metallb.speaker.bfd;

import java.util.List;
import java.util.Optional;

/**
 * What one call on a {@link BfdSession} asks the I/O shell to do and tells it.
 *
 * @param transmit packets to send now, in order
 * @param stateChange the session's state change, if any
 * @param dropped set when the received packet was discarded (RFC 5880 §6.8.6)
 */
public record Outcome(List<ControlPacket> transmit, Optional<StateChange> stateChange, Optional<DropReason> dropped) {
  /** Nothing to do. */
  public static final Outcome NOTHING = new Outcome(List.of(), Optional.empty(), Optional.empty());

  /** Copies the list. */
  public Outcome {
    transmit = List.copyOf(transmit);
  }

  /** A discarded packet. */
  public static Outcome dropped(DropReason reason) {
    return new Outcome(List.of(), Optional.empty(), Optional.of(reason));
  }
}
