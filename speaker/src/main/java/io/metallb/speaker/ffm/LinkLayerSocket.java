package io.metallb.speaker.ffm;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A link-layer socket bound to one interface: whole Ethernet frames in and out. {@link RawSocket}
 * is the real one; tests use an in-memory fake. Implementations are safe for one receiving thread
 * and any number of sending threads.
 */
public interface LinkLayerSocket extends AutoCloseable {
  /** Sends one frame (its first six bytes are the destination MAC). */
  void send(byte[] frame) throws IOException;

  /** The next frame received (not ones this host sent), or empty after {@code timeout}. */
  Optional<byte[]> receive(Duration timeout) throws IOException;

  /** Receives frames sent to an Ethernet multicast address too (solicited-node multicast). */
  void joinMulticast(byte[] mac) throws IOException;

  void leaveMulticast(byte[] mac) throws IOException;

  @Override
  void close() throws IOException;
}
