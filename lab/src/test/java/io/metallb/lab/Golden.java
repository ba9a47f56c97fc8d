package io.metallb.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources}: {@link #assertMatches} compares text with a file;
 * run with {@code -Dgolden.update=true} to rewrite the files from the current output (then review
 * the diff).
 */
public final class Golden {
  private static final Path ROOT = Path.of("src/test/resources");

  private Golden() {}

  /** The text of resource {@code path} (relative to src/test/resources). */
  public static String read(String path) {
    try (var in = Golden.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that {@code actual} equals golden file {@code path}, or rewrites it in update mode. */
  public static void assertMatches(String path, String actual) {
    if (Boolean.getBoolean("golden.update")) {
      try {
        Files.createDirectories(ROOT.resolve(path).getParent());
        Files.writeString(ROOT.resolve(path), actual);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    assertThat(actual).as("golden file %s (rerun with -Dgolden.update=true to rewrite)", path).isEqualTo(read(path));
  }
}
