package io.metallb.lab.l2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AddressesTest {
  private static String v6(String hex) {
    return Addresses.ipv6(HexFormat.of().parseHex(hex), 0);
  }

  @Test
  void compressesTheLongestZeroRunPerRfc5952() {
    assertThat(v6("20010db8010000000000000000000011")).isEqualTo("2001:db8:100::11");
    assertThat(v6("fe800000000000000000000000000001")).isEqualTo("fe80::1");
    assertThat(v6("00000000000000000000000000000000")).isEqualTo("::");
    assertThat(v6("20010db8000000010000000000000001")).isEqualTo("2001:db8:0:1::1");
    assertThat(v6("20010db8000100010001000100010001")).isEqualTo("2001:db8:1:1:1:1:1:1");
    assertThat(v6("ff0200000000000000000001ff000011")).isEqualTo("ff02::1:ff00:11");
  }

  @Test
  void formatsMacAndIpv4() {
    byte[] data = HexFormat.of().parseHex("4a4c9cc822f8c63364c8");
    assertThat(Addresses.mac(data, 0)).isEqualTo("4a:4c:9c:c8:22:f8");
    assertThat(Addresses.ipv4(data, 6)).isEqualTo("198.51.100.200");
  }
}
