package io.metallb.speaker.ffm;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * A classic BPF socket filter ({@code SO_ATTACH_FILTER}) that makes the kernel drop datagrams whose
 * IPv4 TTL or IPv6 Hop Limit is below a minimum: the receive-side check of GTSM (RFC 5082) that
 * BFD needs (RFC 5881 §5, RFC 5883 §2). Linux honours {@code IP_MINTTL} only for TCP, and Netty's
 * epoll datagram channel does not pass {@code IP_RECVTTL} control messages up, so the check runs in
 * the kernel instead. Dropped datagrams are not counted anywhere.
 *
 * <p>The filter runs on UDP sockets with the packet's data at the UDP header; it reads the TTL
 * through the {@code SKF_NET_OFF} window onto the network header. Thread-safe (stateless).
 */
public final class SocketFilter {
  /** {@code <asm-generic/socket.h>}: SO_ATTACH_FILTER (level SOL_SOCKET). */
  static final int SO_ATTACH_FILTER = 26;
  /** {@code <linux/filter.h>}: SKF_NET_OFF, the base of negative offsets that address the network header. */
  static final int SKF_NET_OFF = -0x100000;
  /** {@code <linux/bpf_common.h>}: instruction classes, sizes, modes, jumps and sources. */
  static final int BPF_LD = 0x00;
  static final int BPF_JMP = 0x05;
  static final int BPF_RET = 0x06;
  static final int BPF_B = 0x10;
  static final int BPF_ABS = 0x20;
  static final int BPF_JGE = 0x30;
  static final int BPF_K = 0x00;
  /** Offset of the TTL in the IPv4 header (RFC 791) and of the Hop Limit in the IPv6 header (RFC 8200). */
  static final int IPV4_TTL_OFFSET = 8;
  static final int IPV6_HOP_LIMIT_OFFSET = 7;

  /** {@code struct sock_filter} ({@code <linux/filter.h>}): 8 bytes. */
  static final StructLayout SOCK_FILTER = MemoryLayout.structLayout(
      ValueLayout.JAVA_SHORT.withName("code"),
      ValueLayout.JAVA_BYTE.withName("jt"),
      ValueLayout.JAVA_BYTE.withName("jf"),
      ValueLayout.JAVA_INT.withName("k"));
  /** {@code struct sock_fprog} ({@code <linux/filter.h>}): length, padding, pointer to the instructions (x86_64). */
  static final StructLayout SOCK_FPROG = MemoryLayout.structLayout(
      ValueLayout.JAVA_SHORT.withName("len"),
      MemoryLayout.paddingLayout(6),
      ValueLayout.ADDRESS.withName("filter"));

  /**
   * One classic BPF instruction.
   *
   * @param code opcode
   * @param jt jump offset when true
   * @param jf jump offset when false
   * @param k constant operand
   */
  record Instruction(int code, int jt, int jf, int k) {}

  private SocketFilter() {}

  /**
   * The program: load the TTL (or Hop Limit) byte, accept the whole datagram when it is at least
   * {@code minimum}, else drop it.
   */
  static List<Instruction> minimumTtlProgram(boolean ipv6, int minimum) {
    if (minimum < 0 || minimum > 255) {
      throw new IllegalArgumentException("TTL is one byte: " + minimum);
    }
    return List.of(
        new Instruction(BPF_LD | BPF_B | BPF_ABS, 0, 0, SKF_NET_OFF + (ipv6 ? IPV6_HOP_LIMIT_OFFSET : IPV4_TTL_OFFSET)),
        new Instruction(BPF_JMP | BPF_JGE | BPF_K, 0, 1, minimum),
        new Instruction(BPF_RET | BPF_K, 0, 0, -1), // keep up to 2^32-1 bytes: all of it
        new Instruction(BPF_RET | BPF_K, 0, 0, 0)); // keep nothing: drop
  }

  /**
   * Attaches (or replaces) the minimum-TTL filter on the datagram socket {@code fd}. Does not take
   * ownership of the descriptor.
   *
   * @param ipv6 whether the socket receives IPv6 (AF_INET6 with IPV6_V6ONLY); otherwise IPv4
   * @throws NativeIoException if {@code setsockopt} fails
   * @throws IOException if native access is not enabled
   */
  @SuppressWarnings("restricted") // this package is where native access is meant to be
  public static void attachMinimumTtl(int fd, boolean ipv6, int minimum) throws IOException {
    List<Instruction> program = minimumTtlProgram(ipv6, minimum);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(LibcBindings.CALL_STATE);
      MemorySegment filter = arena.allocate(SOCK_FILTER, program.size());
      for (int i = 0; i < program.size(); i++) {
        Instruction in = program.get(i);
        long base = i * SOCK_FILTER.byteSize();
        filter.set(ValueLayout.JAVA_SHORT, base, (short) in.code());
        filter.set(ValueLayout.JAVA_BYTE, base + 2, (byte) in.jt());
        filter.set(ValueLayout.JAVA_BYTE, base + 3, (byte) in.jf());
        filter.set(ValueLayout.JAVA_INT, base + 4, in.k());
      }
      MemorySegment fprog = arena.allocate(SOCK_FPROG);
      fprog.set(ValueLayout.JAVA_SHORT, 0, (short) program.size());
      fprog.set(ValueLayout.ADDRESS, 8, filter);
      int rc = (int) LibcBindings.SETSOCKOPT.invokeExact(state, fd, LibcBindings.SOL_SOCKET, SO_ATTACH_FILTER, fprog,
          (int) SOCK_FPROG.byteSize());
      if (rc < 0) {
        throw new NativeIoException("setsockopt(SO_ATTACH_FILTER)", (int) LibcBindings.ERRNO.get(state, 0L));
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }
}
