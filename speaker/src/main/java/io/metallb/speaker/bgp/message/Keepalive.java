package io.metallb.speaker.bgp.message;

/** A KEEPALIVE (RFC 4271 §4.4): the header alone. */
public record Keepalive() implements BgpMessage {
  /** The only value needed. */
  public static final Keepalive INSTANCE = new Keepalive();

  @Override
  public MessageType type() {
    return MessageType.KEEPALIVE;
  }
}
