package io.metallb.speaker.ffm;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * An {@code AF_PACKET}/{@code SOCK_RAW} socket bound to one interface and EtherType, through
 * {@code java.lang.foreign}: the JDK has no link-layer sockets, and a native library of our own
 * would need a build per platform. Needs CAP_NET_RAW and {@code --enable-native-access}.
 * Thread-safe for one receiver and concurrent senders (each call uses its own memory).
 */
public final class RawSocket implements LinkLayerSocket {
  private static final int MAX_FRAME = 65_536;

  private final int fd;
  private final int ifIndex;
  private final int etherType;
  private volatile boolean closed;

  private RawSocket(int fd, int ifIndex, int etherType) {
    this.fd = fd;
    this.ifIndex = ifIndex;
    this.etherType = etherType;
  }

  /** Opens a socket for {@code etherType} (e.g. 0x0806 ARP, 0x86DD IPv6) on interface {@code name}. */
  public static RawSocket open(String name, int etherType) throws IOException {
    RawSockets.ensureAvailable();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(LibcBindings.CALL_STATE);
      int index = (int) LibcBindings.IF_NAMETOINDEX.invokeExact(state, arena.allocateFrom(name));
      if (index == 0) {
        throw new NativeIoException("if_nametoindex(" + name + ")", errno(state));
      }
      int fd = (int) LibcBindings.SOCKET.invokeExact(state, LibcBindings.AF_PACKET, LibcBindings.SOCK_RAW, (int) LibcBindings.htons(etherType) & 0xffff);
      if (fd < 0) {
        throw new NativeIoException("socket(AF_PACKET)", errno(state));
      }
      MemorySegment addr = sockaddr(arena, index, etherType, null);
      int rc = (int) LibcBindings.BIND.invokeExact(state, fd, addr, (int) LibcBindings.SOCKADDR_LL.byteSize());
      if (rc < 0) {
        int e = errno(state);
        int ignored = (int) LibcBindings.CLOSE.invokeExact(state, fd);
        throw new NativeIoException("bind(" + name + ")", e + 0 * ignored);
      }
      return new RawSocket(fd, index, etherType);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }

  @Override
  public void send(byte[] frame) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(LibcBindings.CALL_STATE);
      MemorySegment buffer = arena.allocateFrom(ValueLayout.JAVA_BYTE, frame);
      MemorySegment addr = sockaddr(arena, ifIndex, etherType, Arrays.copyOf(frame, 6));
      long sent = (long) LibcBindings.SENDTO.invokeExact(state, fd, buffer, (long) frame.length, 0, addr, (int) LibcBindings.SOCKADDR_LL.byteSize());
      if (sent < 0) {
        throw new NativeIoException("sendto", errno(state));
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }

  @Override
  public Optional<byte[]> receive(Duration timeout) throws IOException {
    setReceiveTimeout(timeout);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(LibcBindings.CALL_STATE);
      MemorySegment buffer = arena.allocate(MAX_FRAME);
      MemorySegment from = arena.allocate(LibcBindings.SOCKADDR_LL);
      MemorySegment fromLength = arena.allocateFrom(ValueLayout.JAVA_INT, (int) LibcBindings.SOCKADDR_LL.byteSize());
      while (!closed) {
        long n = (long) LibcBindings.RECVFROM.invokeExact(state, fd, buffer, (long) MAX_FRAME, 0, from, fromLength);
        if (n < 0) {
          int e = errno(state);
          if (e == LibcBindings.EAGAIN || e == LibcBindings.EINTR) {
            return Optional.empty();
          }
          throw new NativeIoException("recvfrom", e);
        }
        if ((byte) LibcBindings.SLL_PKTTYPE.get(from, 0L) == LibcBindings.PACKET_OUTGOING) {
          continue; // our own transmissions, looped back to packet sockets
        }
        return Optional.of(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
      }
      return Optional.empty();
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }

  @Override
  public void joinMulticast(byte[] mac) throws IOException {
    membership(LibcBindings.PACKET_ADD_MEMBERSHIP, mac);
  }

  @Override
  public void leaveMulticast(byte[] mac) throws IOException {
    membership(LibcBindings.PACKET_DROP_MEMBERSHIP, mac);
  }

  private void membership(int option, byte[] mac) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(LibcBindings.CALL_STATE);
      MemorySegment mreq = arena.allocate(LibcBindings.PACKET_MREQ);
      mreq.set(ValueLayout.JAVA_INT, 0, ifIndex);
      mreq.set(ValueLayout.JAVA_SHORT, 4, (short) LibcBindings.PACKET_MR_MULTICAST);
      mreq.set(ValueLayout.JAVA_SHORT, 6, (short) 6);
      MemorySegment.copy(mac, 0, mreq, ValueLayout.JAVA_BYTE, 8, 6);
      int rc = (int) LibcBindings.SETSOCKOPT.invokeExact(state, fd, LibcBindings.SOL_PACKET, option, mreq, (int) LibcBindings.PACKET_MREQ.byteSize());
      if (rc < 0) {
        throw new NativeIoException("setsockopt(PACKET_MEMBERSHIP)", errno(state));
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }

  private void setReceiveTimeout(Duration timeout) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(LibcBindings.CALL_STATE);
      MemorySegment tv = arena.allocate(LibcBindings.TIMEVAL);
      long micros = Math.max(1, timeout.toNanos() / 1000);
      tv.set(ValueLayout.JAVA_LONG, 0, micros / 1_000_000);
      tv.set(ValueLayout.JAVA_LONG, 8, micros % 1_000_000);
      int rc = (int) LibcBindings.SETSOCKOPT.invokeExact(state, fd, LibcBindings.SOL_SOCKET, LibcBindings.SO_RCVTIMEO, tv, (int) LibcBindings.TIMEVAL.byteSize());
      if (rc < 0) {
        throw new NativeIoException("setsockopt(SO_RCVTIMEO)", errno(state));
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(LibcBindings.CALL_STATE);
      int rc = (int) LibcBindings.CLOSE.invokeExact(state, fd);
      if (rc < 0) {
        throw new NativeIoException("close", errno(state));
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }

  private static MemorySegment sockaddr(Arena arena, int ifIndex, int etherType, byte[] mac) {
    MemorySegment addr = arena.allocate(LibcBindings.SOCKADDR_LL);
    LibcBindings.SLL_FAMILY.set(addr, 0L, (short) LibcBindings.AF_PACKET);
    LibcBindings.SLL_PROTOCOL.set(addr, 0L, LibcBindings.htons(etherType));
    LibcBindings.SLL_IFINDEX.set(addr, 0L, ifIndex);
    if (mac != null) {
      LibcBindings.SLL_HALEN.set(addr, 0L, (byte) 6);
      MemorySegment.copy(mac, 0, addr, ValueLayout.JAVA_BYTE, LibcBindings.SLL_ADDR_OFFSET, 6);
    }
    return addr;
  }

  private static int errno(MemorySegment state) {
    return (int) LibcBindings.ERRNO.get(state, 0L);
  }
}
