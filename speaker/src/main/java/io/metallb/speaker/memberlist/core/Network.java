package io.metallb.speaker.memberlist.core;

import io.metallb.speaker.memberlist.wire.Message;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the core sends through: a datagram port and a request-response stream port. Implemented by
 * the Netty transport and by simulated networks. Calls never block and never throw for network
 * failures.
 */
public interface Network {
  /**
   * Sends one UDP packet to {@code to} carrying {@code messages} (their encodings in
   * {@code encoded}, same order), as a compound when there are several.
   *
   * @param withCrc add memberlist's CRC header (the recipient speaks protocol ≥ 5)
   */
  void sendPacket(InetSocketAddress to, List<Message> messages, List<byte[]> encoded, boolean withCrc);

  /**
   * Opens a stream to {@code to}, writes {@code request}, reads one reply and closes. Exactly one
   * call of {@code onReply} follows, on the core's thread, within {@code timeout} (plus scheduling
   * delay): the reply, or a failure.
   */
  void request(InetSocketAddress to, Message request, Duration timeout, Consumer<StreamReply> onReply);

  /** The outcome of a stream request. */
  sealed interface StreamReply {
    /** The remote answered. */
    record Response(Message message) implements StreamReply {}

    /** Connecting, writing, reading or decoding failed, or the timeout passed. */
    record Failure(String reason) implements StreamReply {}
  }
}
