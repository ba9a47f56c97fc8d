package io.metallb.speaker.bgp.message;

/**
 * A BGP-4 message (RFC 4271 §4). Immutable values; the codec turns them into bytes and back.
 */
public sealed interface BgpMessage permits Open, Update, Notification, Keepalive, RouteRefresh {
  /** The message's type. */
  MessageType type();
}
