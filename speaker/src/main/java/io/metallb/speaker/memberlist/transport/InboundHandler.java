package io.metallb.speaker.memberlist.transport;

import io.metallb.speaker.memberlist.wire.Message;
import java.net.InetSocketAddress;
import java.util.Optional;

/** Where a transport delivers what it reads; called on the transport's event loop only. */
public interface InboundHandler {
  /** One message of a UDP packet from {@code from}. */
  void onPacket(InetSocketAddress from, Message message);

  /** A request read from a stream; the reply (if any) is written back before closing. */
  Optional<Message> onStream(InetSocketAddress from, Message request);
}
