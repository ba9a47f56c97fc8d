package io.metallb.config;

import io.metallb.api.manifest.ManifestReader;
import io.metallb.api.manifest.SnapshotLoader;
import java.io.StringReader;
import java.util.List;

/** Test helper: a YAML stream to a snapshot, and a snapshot to its errors. */
final class Snapshots {
  private Snapshots() {}

  static ClusterSnapshot of(String yaml) {
    try {
      SnapshotLoader.Loaded loaded = SnapshotLoader.load(ManifestReader.readDocuments("test", new StringReader(yaml)), SnapshotLoader.DEFAULT_NAMESPACE, false);
      if (!loaded.decodeErrors().isEmpty()) {
        throw new AssertionError("test YAML does not decode: " + loaded.decodeErrors());
      }
      return loaded.snapshot();
    } catch (ManifestReader.ManifestException e) {
      throw new AssertionError(e);
    }
  }

  /** Every error, as the CLI prints them; empty when valid. */
  static List<String> errors(BgpType type, String yaml) {
    return switch (ConfigParser.parse(of(yaml), ConfigParser.Options.of(type))) {
      case ParseResult.Valid v -> List.of();
      case ParseResult.Invalid i -> i.errors().stream().map(ConfigError::toString).toList();
    };
  }

  static Config config(BgpType type, String yaml) {
    return switch (ConfigParser.parse(of(yaml), ConfigParser.Options.of(type))) {
      case ParseResult.Valid v -> v.config();
      case ParseResult.Invalid i -> throw new AssertionError("expected a valid config, got " + i.errors());
    };
  }
}
