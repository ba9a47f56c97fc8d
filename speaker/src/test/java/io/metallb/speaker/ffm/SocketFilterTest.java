package io.metallb.speaker.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.speaker.ffm.SocketFilter.Instruction;
import org.junit.jupiter.api.Test;

/** The minimum-TTL program, instruction by instruction as {@code tcpdump -d} would print it. The kernel side is BfdTtlFilterIT. */
class SocketFilterTest {
  @Test
  void ipv4ReadsTheTtlAtNetworkOffset8() {
    assertThat(SocketFilter.minimumTtlProgram(false, 255)).containsExactly(
        new Instruction(0x30, 0, 0, 0xfff00008), // ldb [net + 8]
        new Instruction(0x35, 0, 1, 255), // jge #255, accept, drop
        new Instruction(0x06, 0, 0, 0xffffffff), // ret #-1
        new Instruction(0x06, 0, 0, 0)); // ret #0
  }

  @Test
  void ipv6ReadsTheHopLimitAtNetworkOffset7() {
    assertThat(SocketFilter.minimumTtlProgram(true, 254).subList(0, 2)).containsExactly(
        new Instruction(0x30, 0, 0, 0xfff00007),
        new Instruction(0x35, 0, 1, 254));
  }

  @Test
  void structLayoutsMatchTheKernelsOnX86_64() {
    assertThat(SocketFilter.SOCK_FILTER.byteSize()).isEqualTo(8);
    assertThat(SocketFilter.SOCK_FPROG.byteSize()).isEqualTo(16);
  }
}
