package io.metallb.speaker.ffm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc calls of AF_PACKET sockets (Linux, x86_64), with errno captured. Package-private: only
 * {@link RawSocket} calls them. Constants are from the kernel's uapi headers, named there.
 */
@SuppressWarnings("restricted") // this package is where native access is meant to be
final class LibcBindings {
  /** {@code <bits/socket.h>}: AF_PACKET, SOCK_RAW, SOL_SOCKET. */
  static final int AF_PACKET = 17;
  static final int SOCK_RAW = 3;
  static final int SOL_SOCKET = 1;
  /** {@code <asm-generic/socket.h>}: SO_RCVTIMEO (old, 64-bit timeval). */
  static final int SO_RCVTIMEO = 20;
  /** {@code <linux/if_packet.h>}: SOL_PACKET, PACKET_ADD/DROP_MEMBERSHIP, PACKET_MR_MULTICAST, PACKET_OUTGOING. */
  static final int SOL_PACKET = 263;
  static final int PACKET_ADD_MEMBERSHIP = 1;
  static final int PACKET_DROP_MEMBERSHIP = 2;
  static final int PACKET_MR_MULTICAST = 0;
  static final int PACKET_OUTGOING = 4;
  /** {@code <asm-generic/errno-base.h>}, {@code <asm-generic/errno.h>}. */
  static final int EPERM = 1;
  static final int EINTR = 4;
  static final int EAGAIN = 11;
  static final int EACCES = 13;
  static final int ENODEV = 19;

  /** {@code struct sockaddr_ll} ({@code <linux/if_packet.h>}), 20 bytes. */
  static final StructLayout SOCKADDR_LL = MemoryLayout.structLayout(
      ValueLayout.JAVA_SHORT.withName("sll_family"),
      ValueLayout.JAVA_SHORT.withName("sll_protocol"),
      ValueLayout.JAVA_INT.withName("sll_ifindex"),
      ValueLayout.JAVA_SHORT.withName("sll_hatype"),
      ValueLayout.JAVA_BYTE.withName("sll_pkttype"),
      ValueLayout.JAVA_BYTE.withName("sll_halen"),
      MemoryLayout.sequenceLayout(8, ValueLayout.JAVA_BYTE).withName("sll_addr"));
  static final VarHandle SLL_FAMILY = SOCKADDR_LL.varHandle(MemoryLayout.PathElement.groupElement("sll_family"));
  static final VarHandle SLL_PROTOCOL = SOCKADDR_LL.varHandle(MemoryLayout.PathElement.groupElement("sll_protocol"));
  static final VarHandle SLL_IFINDEX = SOCKADDR_LL.varHandle(MemoryLayout.PathElement.groupElement("sll_ifindex"));
  static final VarHandle SLL_PKTTYPE = SOCKADDR_LL.varHandle(MemoryLayout.PathElement.groupElement("sll_pkttype"));
  static final VarHandle SLL_HALEN = SOCKADDR_LL.varHandle(MemoryLayout.PathElement.groupElement("sll_halen"));
  static final long SLL_ADDR_OFFSET = SOCKADDR_LL.byteOffset(MemoryLayout.PathElement.groupElement("sll_addr"));

  /** {@code struct packet_mreq} ({@code <linux/if_packet.h>}), 16 bytes. */
  static final StructLayout PACKET_MREQ = MemoryLayout.structLayout(
      ValueLayout.JAVA_INT.withName("mr_ifindex"),
      ValueLayout.JAVA_SHORT.withName("mr_type"),
      ValueLayout.JAVA_SHORT.withName("mr_alen"),
      MemoryLayout.sequenceLayout(8, ValueLayout.JAVA_BYTE).withName("mr_address"));

  /** {@code struct timeval}: two longs. */
  static final StructLayout TIMEVAL = MemoryLayout.structLayout(ValueLayout.JAVA_LONG.withName("tv_sec"), ValueLayout.JAVA_LONG.withName("tv_usec"));

  static final Linker LINKER = Linker.nativeLinker();
  static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
  static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final SymbolLookup LIBC = LINKER.defaultLookup();

  static final MethodHandle SOCKET = errnoCall("socket", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  static final MethodHandle BIND = errnoCall("bind", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
  static final MethodHandle SENDTO = errnoCall("sendto", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
      ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
  static final MethodHandle RECVFROM = errnoCall("recvfrom", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
      ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
  static final MethodHandle SETSOCKOPT = errnoCall("setsockopt", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
      ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
  static final MethodHandle CLOSE = errnoCall("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  static final MethodHandle IF_NAMETOINDEX = errnoCall("if_nametoindex", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));

  private LibcBindings() {}

  private static MethodHandle errnoCall(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name)), descriptor,
        Linker.Option.captureCallState("errno"));
  }

  /** Network byte order of a 16-bit value. */
  static short htons(int v) {
    return (short) (((v & 0xff) << 8) | ((v >> 8) & 0xff));
  }
}
