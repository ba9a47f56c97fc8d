package io.metallb.lab.l2;

import java.util.HexFormat;

/** Text forms of MAC and IP addresses from raw bytes. Pure. */
public final class Addresses {
  private Addresses() {}

  /** {@code aa:bb:cc:dd:ee:ff} of the 6 bytes at {@code offset}. */
  public static String mac(byte[] data, int offset) {
    return HexFormat.ofDelimiter(":").formatHex(data, offset, offset + 6);
  }

  /** Dotted quad of the 4 bytes at {@code offset}. */
  public static String ipv4(byte[] data, int offset) {
    return (data[offset] & 0xff) + "." + (data[offset + 1] & 0xff) + "." + (data[offset + 2] & 0xff) + "."
        + (data[offset + 3] & 0xff);
  }

  /** RFC 5952 text of the 16 bytes at {@code offset} (lower case, longest zero run as {@code ::}). */
  public static String ipv6(byte[] data, int offset) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((data[offset + 2 * i] & 0xff) << 8) | (data[offset + 2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }
}
