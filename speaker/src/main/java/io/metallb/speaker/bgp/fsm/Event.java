package io.metallb.speaker.bgp.fsm;

import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.message.BgpMessage;
import io.metallb.speaker.bgp.message.Notification;
import java.util.Optional;

/** Inputs to {@link SessionFsm}, produced by the I/O shell. */
public sealed interface Event {
  /** Administrative start (RFC 4271 §8.1.2 event 1). */
  record Start() implements Event {}

  /**
   * Administrative stop (RFC 4271 §8.1.2 event 2).
   *
   * @param notification the Cease to send first; empty to close silently (native MetalLB, and a
   *     graceful-restart shutdown that must leave the peer's routes in place)
   */
  record Stop(Optional<Notification> notification) implements Event {}

  /**
   * The TCP connection is up (RFC 4271 §8.1.4 event 17).
   *
   * @param localAddress our end's address: the next hop of our routes
   * @param bgpIdentifier our BGP Identifier for this connection (spec §10.8)
   * @param otherFamilyNextHop for a {@code dualStackAddressFamily} peer, an address of the other
   *     family on our end's interface: the next hop of that family's routes on this session
   */
  record TcpConnected(IpAddress localAddress, long bgpIdentifier, Optional<IpAddress> otherFamilyNextHop) implements Event {
    /** A single-family connection. */
    public TcpConnected(IpAddress localAddress, long bgpIdentifier) {
      this(localAddress, bgpIdentifier, Optional.empty());
    }
  }

  /**
   * The connection attempt failed or an established connection dropped (events 18, 19).
   *
   * @param reason for logs
   */
  record TcpFailed(String reason) implements Event {}

  /**
   * A timer fired (events 9–11).
   *
   * @param timer which
   */
  record TimerExpired(Timer timer) implements Event {}

  /**
   * The BFD session guarding this peer went from Up to Down without the peer asking for it (RFC 5882
   * §3.2, §4.3): the path is gone, so the session is torn down with Cease/BFD Down (RFC 9384) and
   * dialled again after the usual backoff, as FRR's bgpd does.
   */
  record BfdDown() implements Event {}

  /**
   * A well-formed message arrived.
   *
   * @param message the message
   */
  record Received(BgpMessage message) implements Event {}

  /**
   * A malformed message arrived (events 21, 22, 25, 28).
   *
   * @param notification the NOTIFICATION to answer with
   */
  record Malformed(Notification notification) implements Event {}
}
