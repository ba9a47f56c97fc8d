package io.metallb.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IpAddressTest {
  @ParameterizedTest
  @CsvSource({
    "192.0.2.1, 192.0.2.1",
    "0.0.0.0, 0.0.0.0",
    "2001:db8::1, 2001:db8::1",
    "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
    "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
    "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
    "::, ::",
    "::1, ::1",
    "::ffff:192.0.2.1, 192.0.2.1",
    "64:ff9b::192.0.2.1, 64:ff9b::c000:201",
    "fc00:f853:0ccd:e799::1, fc00:f853:ccd:e799::1",
    "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:3:4:5:6"
  })
  void parsesAndPrintsLikeGo(String text, String printed) {
    assertThat(IpAddress.parse(text)).map(IpAddress::toString).hasValue(printed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "192.0.2", "192.0.2.256", "192.0.2.01", "1.2.3.4.5", "a.b.c.d", "2001:db8::1::2", "2001:db8:::1", "12345::", "fe80::1%eth0", "1:2:3:4:5:6:7:8:9", " 192.0.2.1", "localhost"})
  void rejectsWhatGoRejects(String text) {
    assertThat(IpAddress.parse(text)).isEmpty();
  }

  @Test
  void ordersByGoSixteenByteForm() {
    assertThat(IpAddress.of("192.0.2.9")).isGreaterThan(IpAddress.of("192.0.2.1"));
    assertThat(IpAddress.of("::1")).isLessThan(IpAddress.of("192.0.2.1"));
    assertThat(IpAddress.of("2001:db8::")).isGreaterThan(IpAddress.of("192.0.2.1"));
  }

  @Test
  void summarizesRangesLikeMikiohIpaddr() {
    assertThat(Cidr.summarize(IpAddress.of("192.168.0.150"), IpAddress.of("192.168.0.200")).stream().map(Cidr::toString).toList())
        .containsExactly("192.168.0.150/31", "192.168.0.152/29", "192.168.0.160/27", "192.168.0.192/29", "192.168.0.200/32");
    assertThat(Cidr.summarize(IpAddress.of("0.0.0.0"), IpAddress.of("255.255.255.255"))).containsExactly(Cidr.of("0.0.0.0/0"));
    assertThat(Cidr.summarize(IpAddress.of("2001:db8::f0"), IpAddress.of("2001:db8::ff"))).containsExactly(Cidr.of("2001:db8::f0/124"));
    assertThat(Cidr.summarize(IpAddress.of("198.51.100.7"), IpAddress.of("198.51.100.7"))).containsExactly(Cidr.of("198.51.100.7/32"));
  }

  @Test
  void cidrsDropHostBitsAndOverlapByNetworkAddress() {
    assertThat(Cidr.of("198.51.100.77/24").toString()).isEqualTo("198.51.100.0/24");
    assertThat(Cidr.of("fc00:f853:0ccd:e799::1/124").toString()).isEqualTo("fc00:f853:ccd:e799::/124");
    assertThat(Cidr.of("::ffff:10.0.0.0/104").toString()).isEqualTo("10.0.0.0/8");
    assertThat(Cidr.of("198.51.100.0/24").overlaps(Cidr.of("198.51.100.128/25"))).isTrue();
    assertThat(Cidr.of("198.51.100.0/25").overlaps(Cidr.of("198.51.100.128/25"))).isFalse();
    assertThat(Cidr.of("0.0.0.0/0").overlaps(Cidr.of("::/0"))).isFalse();
    assertThat(Cidr.of("198.51.100.0/30").last()).isEqualTo(IpAddress.of("198.51.100.3"));
    assertThat(List.of("198.51.100.0/33", "198.51.100.0/", "198.51.100.0/-1", "198.51.100.0/a", "198.51.100.0"))
        .allSatisfy(bad -> assertThat(Cidr.parse(bad)).isEmpty());
  }
}
