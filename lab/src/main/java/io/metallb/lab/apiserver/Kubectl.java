package io.metallb.lab.apiserver;

import io.metallb.lab.process.CommandResult;
import io.metallb.lab.process.Commands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs kubectl against one kubeconfig, with its discovery cache in a directory of its own (so
 * that runs never share stale discovery). Blocking; thread-safe.
 */
public final class Kubectl {
  private final Path kubeconfig;
  private final Path workDir;
  private final AtomicInteger manifests = new AtomicInteger();

  /** kubectl for {@code kubeconfig}; cache and manifest files go to {@code workDir}. */
  public Kubectl(Path kubeconfig, Path workDir) {
    this.kubeconfig = kubeconfig;
    this.workDir = workDir;
  }

  /** Runs {@code kubectl <args>}; never throws on a non-zero exit. */
  public CommandResult run(String... args) {
    List<String> argv = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", workDir.resolve("kube-cache").toString()));
    argv.addAll(List.of(args));
    return Commands.run(Duration.ofSeconds(30), argv);
  }

  /** Runs {@code kubectl <verb> [flags] -f <file holding manifest>}, e.g. verb {@code create}. */
  public CommandResult withManifest(String manifest, String verb, String... flags) {
    Path file = workDir.resolve("manifest-" + manifests.incrementAndGet() + ".yaml");
    try {
      Files.createDirectories(workDir);
      Files.writeString(file, manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args = new ArrayList<>(List.of(verb));
    args.addAll(List.of(flags));
    args.addAll(List.of("-f", file.toString()));
    return run(args.toArray(String[]::new));
  }
}
