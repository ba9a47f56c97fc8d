package io.metallb.speaker.bgp.codec;

import io.metallb.speaker.bgp.message.BgpError;
import io.metallb.speaker.bgp.message.Notification;

/**
 * Thrown inside the codec when input breaks RFC 4271 §6; carries the NOTIFICATION to send. Never
 * leaves the codec: {@link BgpMessageReader#read} turns it into {@link Decoded.Malformed}. No stack
 * trace is captured.
 */
final class MalformedMessageException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Notification notification;

  MalformedMessageException(BgpError error, byte... data) {
    super(error.text(), null, false, false);
    this.notification = error.notification(data);
  }

  Notification notification() {
    return notification;
  }
}
