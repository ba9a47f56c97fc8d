package io.metallb.speaker.layer2.lab;

import io.metallb.net.IpAddress;
import io.metallb.speaker.ffm.RawSocket;
import io.metallb.speaker.layer2.packet.Frame;
import io.metallb.speaker.layer2.packet.FrameCodec;
import io.metallb.speaker.layer2.packet.MacAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ARP load generator of the responder benchmark, run in the client namespace:
 * {@code <interface> <sender-ip> <target-ip> <duration-ms> <window>}. First 200 request/reply
 * round trips one at a time (latency), then requests with up to {@code window} outstanding for
 * the duration (rate). Prints one {@code RESULT} line.
 */
public final class ArpLoadMain {
  private ArpLoadMain() {}

  public static void main(String[] args) throws Exception {
    String iface = args[0];
    IpAddress sender = IpAddress.of(args[1]);
    IpAddress target = IpAddress.of(args[2]);
    long durationMillis = Long.parseLong(args[3]);
    int window = Integer.parseInt(args[4]);
    MacAddress mac = MacAddress.of(NetworkInterface.getByName(iface).getHardwareAddress());
    byte[] request = FrameCodec.encode(new Frame.Arp(MacAddress.BROADCAST, mac, Frame.Arp.REQUEST, mac, sender, MacAddress.ZERO, target));
    try (RawSocket socket = RawSocket.open(iface, FrameCodec.ETHERTYPE_ARP)) {
      long[] rtts = new long[200];
      int samples = 0;
      for (int i = 0; i < rtts.length; i++) {
        long start = System.nanoTime();
        socket.send(request);
        if (awaitReply(socket, mac, target, Duration.ofSeconds(1))) {
          rtts[samples++] = System.nanoTime() - start;
        }
      }
      long[] measured = Arrays.copyOf(rtts, samples);
      Arrays.sort(measured);

      Semaphore outstanding = new Semaphore(window);
      AtomicLong replies = new AtomicLong();
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(durationMillis);
      Thread receiver = Thread.ofPlatform().start(() -> {
        try {
          while (System.nanoTime() < deadline) {
            if (awaitReply(socket, mac, target, Duration.ofMillis(50))) {
              replies.incrementAndGet();
              outstanding.release();
            } else {
              outstanding.release(window - outstanding.availablePermits()); // lost: refill the window
            }
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      long sent = 0;
      while (System.nanoTime() < deadline) {
        if (outstanding.tryAcquire(10, TimeUnit.MILLISECONDS)) {
          socket.send(request);
          sent++;
        }
      }
      receiver.join();
      double rate = replies.get() * 1000.0 / durationMillis;
      System.out.printf("RESULT target=%s sent=%d replies=%d replies_per_sec=%.0f p50_us=%d p99_us=%d samples=%d%n", target, sent, replies.get(),
          rate, samples == 0 ? -1 : measured[samples / 2] / 1000, samples == 0 ? -1 : measured[Math.min(samples - 1, samples * 99 / 100)] / 1000,
          samples);
    }
  }

  private static boolean awaitReply(RawSocket socket, MacAddress mac, IpAddress target, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<byte[]> frame = socket.receive(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
      if (frame.isEmpty()) {
        return false;
      }
      if (FrameCodec.decode(frame.get()) instanceof FrameCodec.Decoded.Ok ok && ok.frame() instanceof Frame.Arp arp
          && arp.operation() == Frame.Arp.REPLY && arp.senderIp().equals(target) && arp.destination().equals(mac)) {
        return true;
      }
    }
    return false;
  }
}
