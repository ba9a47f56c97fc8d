package io.metallb.speaker.bgp.fsm;

import io.metallb.speaker.bgp.message.BgpMessage;
import io.metallb.speaker.bgp.message.Family;
import java.time.Duration;

/** Outputs of {@link SessionFsm}, carried out in order by the I/O shell. */
public sealed interface Action {
  /** Open a TCP connection to the peer. */
  record Connect() implements Action {}

  /**
   * Write a message on the current connection.
   *
   * @param message the message
   */
  record Send(BgpMessage message) implements Action {}

  /** Close the current connection (after the writes before it are flushed). */
  record Disconnect() implements Action {}

  /**
   * (Re)start a timer; it replaces a running one of the same kind.
   *
   * @param timer which
   * @param delay when it fires, from now
   */
  record ArmTimer(Timer timer, Duration delay) implements Action {}

  /**
   * Stop a timer if running.
   *
   * @param timer which
   */
  record CancelTimer(Timer timer) implements Action {}

  /**
   * The session reached Established: advertise the routes, then End-of-RIB.
   *
   * @param session what was negotiated
   */
  record Established(NegotiatedSession session) implements Action {}

  /**
   * The session left OpenSent or a later state (or a connect attempt failed).
   *
   * @param reason for logs
   * @param wasEstablished whether it had been Established
   */
  record Down(String reason, boolean wasEstablished) implements Action {}

  /**
   * The peer asked for our routes of {@code family} again (RFC 2918 §4).
   *
   * @param family the family
   */
  record Resend(Family family) implements Action {}
}
