package io.metallb.lab;

import io.metallb.lab.net.RunId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory of {@link RunRecord}s of runs on this host, one file {@code <run>.properties}
 * each, so that {@code lab status}, {@code lab down} and {@code lab clean} find runs started by
 * other processes. Default {@code /run/metallb-lab} (tmpfs, gone at reboot like the namespaces);
 * overridden by the environment variable {@code METALLB_LAB_STATE_DIR}.
 *
 * <p>Writes are atomic (write then rename). Not safe against two writers of the same run.
 */
public final class RunRegistry {
  /** The environment variable that overrides the directory. */
  public static final String DIR_ENV = "METALLB_LAB_STATE_DIR";

  private final Path dir;

  /** A registry in {@code dir}. */
  public RunRegistry(Path dir) {
    this.dir = dir;
  }

  /** The registry at the default place. */
  public static RunRegistry standard() {
    return new RunRegistry(Path.of(Optional.ofNullable(System.getenv(DIR_ENV)).orElse("/run/metallb-lab")));
  }

  /** The registry's directory. */
  public Path dir() {
    return dir;
  }

  /** Stores {@code record}, replacing an earlier one of the same run. */
  public void save(RunRecord record) {
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(record.run().value() + ".tmp");
      Files.writeString(tmp, record.toText(), StandardCharsets.UTF_8);
      Files.move(tmp, file(record.run()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The record of {@code run}, if stored. */
  public Optional<RunRecord> find(RunId run) {
    Path file = file(run);
    try {
      return Files.exists(file) ? Optional.of(RunRecord.fromText(Files.readString(file))) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** All stored records. */
  public List<RunRecord> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".properties"))
          .map(f -> f.getFileName().toString().replace(".properties", ""))
          .flatMap(name -> RunId.owner(name + "-x").stream())
          .flatMap(run -> find(run).stream())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the record of {@code run}, if any. */
  public void remove(RunId run) {
    try {
      Files.deleteIfExists(file(run));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path file(RunId run) {
    return dir.resolve(run.value() + ".properties");
  }
}
