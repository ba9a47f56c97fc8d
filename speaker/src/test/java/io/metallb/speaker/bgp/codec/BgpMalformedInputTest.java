package io.metallb.speaker.bgp.codec;

import static io.metallb.speaker.bgp.codec.BgpCodecTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.speaker.bgp.message.BgpError;
import io.metallb.speaker.bgp.message.Notification;
import io.metallb.speaker.bgp.message.Octets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every RFC 4271 §6 defect the reader detects maps to its NOTIFICATION; nothing throws. */
class BgpMalformedInputTest {
  private static final String MARKER = "ffffffffffffffffffffffffffffffff";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      bad marker                     | ffffffffffffffffffffffffffffff00 0013 04                          | 1 | 1 |
      length below 19                | MARKER 0012 04                                                    | 1 | 2 | 0012
      length above 4096              | MARKER 1001 04                                                    | 1 | 2 | 1001
      length disagrees with frame    | MARKER 0014 04                                                    | 1 | 2 | 0014
      unknown type                   | MARKER 0013 09                                                    | 1 | 3 | 09
      KEEPALIVE with a body          | MARKER 0014 04 00                                                 | 1 | 2 | 0014
      OPEN too short                 | MARKER 001c 01 04fc00005ac633640b                                 | 1 | 2 | 001c
      OPEN version 3                 | MARKER 001d 01 03 fc00 005a c633640b 00                           | 2 | 1 | 0004
      OPEN hold time 2               | MARKER 001d 01 04 fc00 0002 c633640b 00                           | 2 | 6 |
      OPEN identifier zero           | MARKER 001d 01 04 fc00 005a 00000000 00                           | 2 | 3 |
      OPEN non-capability parameter  | MARKER 001f 01 04 fc00 005a c633640b 02 01 00                     | 2 | 4 |
      OPEN parameter overrun         | MARKER 001f 01 04 fc00 005a c633640b 02 02 05                     | 2 | 0 |
      OPEN bad 4-octet AS capability | MARKER 0023 01 04 fc00 005a c633640b 06 02 04 41 02 0000          | 2 | 0 |
      UPDATE withdrawn overrun       | MARKER 0017 02 0005 0000                                          | 3 | 1 |
      UPDATE attribute overrun       | MARKER 001b 02 0000 0004 40 01 05 00                              | 3 | 5 | 40010500
      UPDATE duplicate attribute     | MARKER 001f 02 0000 0008 40010100 40010100                        | 3 | 1 |
      UPDATE ORIGIN flags wrong      | MARKER 001b 02 0000 0004 c0 01 01 00                              | 3 | 4 | c0010100
      UPDATE ORIGIN value 5          | MARKER 001b 02 0000 0004 40 01 01 05                              | 3 | 6 | 40010105
      UPDATE ORIGIN length 2         | MARKER 001c 02 0000 0005 40 01 02 0000                            | 3 | 5 | 4001020000
      UPDATE unknown well-known      | MARKER 001b 02 0000 0004 40 63 01 00                              | 3 | 2 | 40630100
      UPDATE NLRI without NEXT_HOP   | MARKER 0023 02 0000 0007 40010100 400200 20cb00710a              | 3 | 3 | 03
      UPDATE NLRI length 33          | MARKER 001d 02 0000 0000 21 cb00710a00                            | 3 | 10 |
      UPDATE AS_PATH segment type 9  | MARKER 0020 02 0000 0009 40 02 06 09 01 0000fc00                  | 3 | 11 |
      UPDATE AS_PATH short           | MARKER 001d 02 0000 0006 40 02 03 02 01 00                        | 3 | 11 |
      UPDATE NEXT_HOP length 3       | MARKER 001d 02 0000 0006 40 03 03 010203                          | 3 | 5 | 400303010203
      UPDATE MP_REACH bad next hop   | MARKER 0022 02 0000 000b 80 0e 08 0002 01 03 000000 00            | 3 | 9 | 800e0800020103000000 00
      ROUTE-REFRESH too long         | MARKER 0018 05 00010001 00                                        | 1 | 2 | 0018
      """)
  void malformedInputGivesItsNotification(String name, String hex, int code, int subcode, String data) {
    Decoded decoded = read(Hex.bytes(hex.replace("MARKER", MARKER)));
    byte[] expectedData = data == null ? new byte[0] : Hex.bytes(data);
    assertThat(decoded).as(name).isEqualTo(new Decoded.Malformed(new Notification(code, subcode, new Octets(expectedData))));
    assertThat(BgpError.of(code, subcode)).as("a known error").isPresent();
  }
}
