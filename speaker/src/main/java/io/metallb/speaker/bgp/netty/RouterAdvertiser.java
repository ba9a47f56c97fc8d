package io.metallb.speaker.bgp.netty;

import io.metallb.net.IpAddress;
import io.metallb.speaker.ffm.RawSocket;
import io.metallb.speaker.layer2.packet.FrameCodec;
import io.metallb.speaker.layer2.packet.MacAddress;
import io.metallb.speaker.layer2.packet.RouterAdvertisement;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Router Advertisement side of unnumbered BGP on one interface, as FRR's zebra does it: sends
 * an unsolicited Router Advertisement from our link-local address every {@link #INTERVAL} (Router
 * Lifetime 0, so nobody takes us as default router) so the peer learns our address, and learns the
 * peer's link-local address from the advertisements it sends. Frames go through an AF_PACKET
 * socket on a daemon thread; an interface that is missing or down is retried every interval.
 * {@link #neighbor()} is safe from any thread.
 */
public final class RouterAdvertiser implements AutoCloseable {
  /**
   * Time between our advertisements: RFC 4861 §6.2.1's smallest MinRtrAdvInterval (3 s), so a
   * router starting after us hears us quickly.
   */
  public static final Duration INTERVAL = Duration.ofSeconds(3);
  private static final Logger LOG = LoggerFactory.getLogger(RouterAdvertiser.class);

  private final String iface;
  private final Thread thread;
  private volatile boolean closed;
  private volatile IpAddress neighbor; // the last link-local address advertising on iface, else null
  private RawSocket socket; // confined to the thread, except close()

  private RouterAdvertiser(String iface) {
    this.iface = iface;
    this.thread = Thread.ofPlatform().daemon().name("bgp-ra-" + iface).unstarted(this::run);
  }

  /** Starts advertising and listening on {@code iface}. */
  public static RouterAdvertiser start(String iface) {
    RouterAdvertiser advertiser = new RouterAdvertiser(iface);
    advertiser.thread.start();
    return advertiser;
  }

  /** The interface. */
  public String iface() {
    return iface;
  }

  /** The link-local address of the router last heard advertising on the interface, if any. */
  public Optional<IpAddress> neighbor() {
    return Optional.ofNullable(neighbor);
  }

  private void run() {
    long nextSend = 0;
    while (!closed) {
      try {
        if (socket == null) {
          socket = RawSocket.open(iface, FrameCodec.ETHERTYPE_IPV6);
        }
        long now = System.nanoTime();
        if (now - nextSend >= 0) {
          ours().ifPresent(ours -> send(RouterAdvertisement.unsolicited(ours.mac(), ours.linkLocal())));
          nextSend = now + INTERVAL.toNanos();
        }
        Optional<byte[]> frame = socket.receive(Duration.ofNanos(Math.max(1_000_000, nextSend - System.nanoTime())));
        frame.flatMap(RouterAdvertisement::decode).ifPresent(this::heard);
      } catch (IOException | RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.atDebug().addKeyValue("interface", iface).setCause(e).log("router advertisement socket failed, retrying");
        closeSocket();
        sleep(INTERVAL);
      }
    }
    closeSocket();
  }

  private void heard(RouterAdvertisement ra) {
    Optional<Ours> ours = ours();
    if (ours.isPresent() && ours.get().linkLocal().equals(ra.ipSource())) {
      return; // our own, seen on the way out
    }
    if (!ra.ipSource().equals(neighbor)) {
      LOG.atInfo().addKeyValue("interface", iface).addKeyValue("neighbor", ra.ipSource().toString())
          .log("learned the unnumbered BGP peer's link-local address from its router advertisement");
      neighbor = ra.ipSource();
    }
  }

  private void send(RouterAdvertisement ra) {
    try {
      socket.send(ra.encode());
    } catch (IOException e) {
      LOG.atDebug().addKeyValue("interface", iface).setCause(e).log("sending a router advertisement failed");
    }
  }

  /** Our MAC and link-local address on the interface, if it has both. */
  private Optional<Ours> ours() {
    try {
      NetworkInterface nic = NetworkInterface.getByName(iface);
      if (nic == null || nic.getHardwareAddress() == null || nic.getHardwareAddress().length != 6) {
        return Optional.empty();
      }
      MacAddress mac = MacAddress.of(nic.getHardwareAddress());
      return nic.inetAddresses().filter(a -> a instanceof Inet6Address && a.isLinkLocalAddress())
          .map(a -> new Ours(mac, IpAddress.ofBytes(a.getAddress()))).findFirst();
    } catch (SocketException e) {
      return Optional.empty();
    }
  }

  private record Ours(MacAddress mac, IpAddress linkLocal) {}

  private void closeSocket() {
    RawSocket s = socket;
    socket = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        LOG.atDebug().setCause(e).log("closing a router advertisement socket");
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops advertising; waits up to one interval for the thread. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(INTERVAL.toMillis() + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
