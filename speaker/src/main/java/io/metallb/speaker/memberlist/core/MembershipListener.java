package io.metallb.speaker.memberlist.core;

/**
 * Membership changes, as memberlist's {@code EventDelegate}. Called on the core's thread, in
 * order; implementations must not block and must not call back into the core synchronously.
 */
public interface MembershipListener {
  /** {@code member} became alive (new, or back from dead or left), this node included. */
  default void onJoin(Member member) { }

  /** {@code member} was declared dead or left gracefully (see {@link Member#state()}). */
  default void onLeave(Member member) { }

  /** {@code member}'s metadata changed. */
  default void onUpdate(Member member) { }
}
