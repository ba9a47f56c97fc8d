package io.metallb.speaker.memberlist.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Golden bytes written by the real hashicorp/memberlist 0.2.2 library; see the header of
 * {@code memberlist/go-goldens.txt} for how they were produced.
 */
final class GoGoldens {
  private static final Map<String, byte[]> GOLDENS = load();

  private GoGoldens() {}

  static byte[] get(String name) {
    byte[] bytes = GOLDENS.get(name);
    if (bytes == null) {
      throw new IllegalArgumentException("no golden named " + name);
    }
    return bytes.clone();
  }

  private static Map<String, byte[]> load() {
    try (InputStream in = GoGoldens.class.getResourceAsStream("/memberlist/go-goldens.txt")) {
      Map<String, byte[]> map = new HashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.trim().split(" ");
        map.put(parts[0], HexFormat.of().parseHex(parts[1]));
      }
      return map;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
