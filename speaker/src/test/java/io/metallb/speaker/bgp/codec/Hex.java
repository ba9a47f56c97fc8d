package io.metallb.speaker.bgp.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Test bytes written as commented hex: {@code #} starts a comment, whitespace is ignored. */
public final class Hex {
  private Hex() {}

  /** The bytes of annotated hex text. */
  public static byte[] bytes(String annotated) {
    StringBuilder digits = new StringBuilder();
    for (String line : annotated.split("\n")) {
      int comment = line.indexOf('#');
      digits.append((comment >= 0 ? line.substring(0, comment) : line).replaceAll("\\s+", ""));
    }
    return HexFormat.of().parseHex(digits);
  }

  /** The bytes of the annotated hex resource {@code name}. */
  public static byte[] resource(String name) {
    try (InputStream in = Hex.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + name);
      }
      return bytes(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The concatenation of chunks. */
  public static byte[] concat(byte[]... chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] c : chunks) {
      out.writeBytes(c);
    }
    return out.toByteArray();
  }
}
