package io.metallb.speaker.memberlist.wire;

import java.util.Optional;

/**
 * A member's state as memberlist gossips it in push-pull node states (memberlist {@code state.go},
 * {@code NodeStateType}: StateAlive, StateSuspect, StateDead, StateLeft).
 *
 * <p>Append only — values are part of the wire protocol.
 */
public enum MemberState {
  ALIVE(0),
  SUSPECT(1),
  DEAD(2),
  LEFT(3);

  private final int code;

  MemberState(int code) {
    this.code = code;
  }

  /** The integer on the wire. */
  public int code() {
    return code;
  }

  /** The state for a wire integer, if defined. */
  public static Optional<MemberState> of(long code) {
    for (MemberState state : values()) {
      if (state.code == code) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }

  /** True for DEAD and LEFT (memberlist {@code DeadOrLeft}). */
  public boolean deadOrLeft() {
    return this == DEAD || this == LEFT;
  }
}
