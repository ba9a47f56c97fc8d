package io.metallb.speaker.layer2;

import io.metallb.net.IpAddress;
import io.metallb.speaker.ffm.LinkLayerSocket;
import io.metallb.speaker.layer2.packet.DropReason;
import io.metallb.speaker.layer2.packet.FrameCodec;
import io.metallb.speaker.layer2.packet.MacAddress;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One interface's responder thread: reads frames from a {@link LinkLayerSocket}, answers with
 * {@link Responder}, counts what it drops or skips. Runs until closed.
 */
public final class ResponderLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ResponderLoop.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final LinkLayerSocket socket;
  private final MacAddress mac;
  private final IpAddress linkLocal;
  private final Predicate<IpAddress> announced;
  private final Consumer<IpAddress> requestReceived;
  private final Consumer<IpAddress> responseSent;
  private final Map<DropReason, AtomicLong> drops = new EnumMap<>(DropReason.class);
  private final Map<Responder.Skip, AtomicLong> skips = new EnumMap<>(Responder.Skip.class);
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param requestReceived told the IP of every request it answers (metric requests_received)
   * @param responseSent told the IP of every answer sent (metric responses_sent)
   */
  public ResponderLoop(String name, LinkLayerSocket socket, MacAddress mac, IpAddress linkLocal, Predicate<IpAddress> announced,
      Consumer<IpAddress> requestReceived, Consumer<IpAddress> responseSent) {
    this.socket = socket;
    this.mac = mac;
    this.linkLocal = linkLocal;
    this.announced = announced;
    this.requestReceived = requestReceived;
    this.responseSent = responseSent;
    for (DropReason r : DropReason.values()) {
      drops.put(r, new AtomicLong());
    }
    for (Responder.Skip s : Responder.Skip.values()) {
      skips.put(s, new AtomicLong());
    }
    thread = Thread.ofPlatform().daemon().name("metallb-responder-" + name).start(this::run);
  }

  private void run() {
    while (running) {
      Optional<byte[]> frame;
      try {
        frame = socket.receive(POLL);
      } catch (IOException e) {
        if (running) {
          log.atError().addKeyValue("op", "responder").addKeyValue("error", e.getMessage()).log("receive failed");
        }
        return;
      }
      frame.ifPresent(this::handle);
    }
  }

  private void handle(byte[] bytes) {
    switch (FrameCodec.decode(bytes)) {
      case FrameCodec.Decoded.Dropped d -> drops.get(d.reason()).incrementAndGet();
      case FrameCodec.Decoded.Ok ok -> {
        switch (Responder.answer(ok.frame(), mac, linkLocal, announced)) {
          case Responder.Outcome.Skipped s -> skips.get(s.reason()).incrementAndGet();
          case Responder.Outcome.Answer a -> {
            requestReceived.accept(a.ip());
            try {
              socket.send(FrameCodec.encode(a.frame()));
              responseSent.accept(a.ip());
            } catch (IOException e) {
              log.atWarn().addKeyValue("op", "responder").addKeyValue("ip", a.ip()).addKeyValue("error", e.getMessage()).log("send failed");
            }
          }
        }
      }
    }
  }

  /** Frames dropped as malformed, by reason. */
  public Map<DropReason, Long> drops() {
    Map<DropReason, Long> out = new EnumMap<>(DropReason.class);
    drops.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Well-formed frames not answered, by reason. */
  public Map<Responder.Skip, Long> skips() {
    Map<Responder.Skip, Long> out = new EnumMap<>(Responder.Skip.class);
    skips.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  @Override
  public void close() throws IOException {
    running = false;
    try {
      thread.join(POLL.multipliedBy(3).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    socket.close();
  }
}
