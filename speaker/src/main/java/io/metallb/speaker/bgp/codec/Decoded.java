package io.metallb.speaker.bgp.codec;

import io.metallb.speaker.bgp.message.BgpMessage;
import io.metallb.speaker.bgp.message.Notification;

/** What the reader made of one frame: a message, or the NOTIFICATION its defect calls for. */
public sealed interface Decoded {
  /**
   * A well-formed message.
   *
   * @param message the message
   */
  record Message(BgpMessage message) implements Decoded {}

  /**
   * A malformed frame; the session must send {@code notification} and close (RFC 4271 §6).
   *
   * @param notification the NOTIFICATION to send
   */
  record Malformed(Notification notification) implements Decoded {}
}
