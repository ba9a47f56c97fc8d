package io.metallb.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.metallb.api.manifest.ManifestDocument;
import io.metallb.api.manifest.ManifestReader;
import io.metallb.api.manifest.SnapshotLoader;
import io.metallb.config.BgpType;
import io.metallb.config.ConfigParser;
import io.metallb.config.ParseResult;
import io.metallb.config.legacy.LegacyConfigConverter;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/** {@code metallb convert}: the pre-0.13 ConfigMap to custom resources, like MetalLB's configmaptocrs. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
      "Converts MetalLB's legacy ConfigMap (v0.12 and older) to custom resources.",
      "Prints the equivalent resources as YAML, as MetalLB's configmaptocrs does, after checking them",
      "with the configuration parser.",
      "Exit 0: converted; 1: the configuration is not valid; 2: input unreadable."
    })
final class ConvertCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-f", "--filename"}, required = true, description = "The ConfigMap manifest (or, with --only-data, the bare config).")
  Path path;

  @Option(names = "--only-data", description = "The file holds the ConfigMap's 'config' data only.")
  boolean onlyData;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    JsonNode config;
    String namespace = SnapshotLoader.DEFAULT_NAMESPACE;
    try {
      List<ManifestDocument> docs = ManifestReader.read(List.of(path));
      if (onlyData) {
        config = docs.isEmpty() ? null : docs.get(0).tree();
      } else {
        ManifestDocument cm = docs.stream().filter(d -> d.kind().equals("ConfigMap")).findFirst().orElse(null);
        if (cm == null) {
          err.println("metallb convert: " + path + ": not a configmap");
          return ExitCodes.UNREADABLE;
        }
        if (!cm.namespace().isEmpty()) {
          namespace = cm.namespace();
        }
        String data = cm.tree().path("data").path("config").asString("");
        if (data.isEmpty()) {
          err.println("metallb convert: " + path + ": bad ConfigMap: no data");
          return ExitCodes.UNREADABLE;
        }
        List<ManifestDocument> inner = ManifestReader.readDocuments(path + " (data.config)", new StringReader(data));
        config = inner.isEmpty() ? null : inner.get(0).tree();
      }
    } catch (ManifestReader.ManifestException e) {
      err.println("metallb convert: " + e.getMessage());
      return ExitCodes.UNREADABLE;
    }
    if (config == null) {
      err.println("metallb convert: " + path + ": bad ConfigMap: no data");
      return ExitCodes.UNREADABLE;
    }
    List<HasMetadata> resources;
    try {
      resources = LegacyConfigConverter.convert(config, namespace);
    } catch (LegacyConfigConverter.ConversionException e) {
      err.println("metallb convert: failed to generate resources: " + e.getMessage());
      return ExitCodes.INVALID;
    }
    String yaml = ResourceYaml.write(resources);
    try {
      var loaded = SnapshotLoader.load(ManifestReader.readDocuments("converted", new StringReader(yaml)), namespace);
      if (ConfigParser.parse(loaded.snapshot(), ConfigParser.Options.of(BgpType.NONE)) instanceof ParseResult.Invalid invalid) {
        err.println("metallb convert: failed to generate resources:");
        invalid.errors().forEach(e -> err.println("  " + e));
        return ExitCodes.INVALID;
      }
    } catch (ManifestReader.ManifestException e) {
      err.println("metallb convert: internal error re-reading the output: " + e.getMessage());
      return ExitCodes.INVALID;
    }
    out.print(yaml);
    out.flush();
    return ExitCodes.OK;
  }
}
