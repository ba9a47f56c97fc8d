package io.metallb.cli;

import io.metallb.api.manifest.ManifestReader;
import io.metallb.api.manifest.SnapshotLoader;
import io.metallb.config.BgpType;
import io.metallb.config.ConfigError;
import io.metallb.config.ConfigParser;
import io.metallb.config.ParseResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code metallb validate}: checks a cluster's MetalLB configuration as the controller and speakers would. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a MetalLB configuration as the API server, controller and speakers would.",
      "Reads the given files (YAML or JSON, several documents each) or directories as one cluster",
      "snapshot: the metallb.io kinds (against their CRD schemas, then the configuration parser), plus the",
      "Secrets, Nodes and Namespaces the configuration refers to. Other kinds are ignored.",
      "Exit 0: valid; 1: invalid (every error listed as Kind/name: message); 2: input unreadable."
    })
final class ValidateCommand implements Callable<Integer> {
  enum Output { text, json }

  @Spec CommandSpec spec;

  @Option(names = {"-f", "--filename"}, required = true, arity = "1..*", description = "Files or directories to read.")
  List<Path> paths;

  @Option(names = "--bgp-type", defaultValue = "native", description = "native, frr, frr-k8s (as METALLB_BGP_TYPE) or none (parse checks only). Default: ${DEFAULT-VALUE}.")
  String bgpType;

  @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json (the effective configuration). Default: ${DEFAULT-VALUE}.")
  Output output;

  @Option(names = "--frrk8s-secret-passthrough", description = "As the speaker's flag: BGP password Secrets are passed to FRR-K8s, not read.")
  boolean frrk8sSecretPassthrough;

  @Option(names = {"-n", "--namespace"}, defaultValue = SnapshotLoader.DEFAULT_NAMESPACE, description = "MetalLB's namespace; resources elsewhere are not seen. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BgpType type = switch (bgpType) {
      case "native" -> BgpType.NATIVE;
      case "frr" -> BgpType.FRR;
      case "frr-k8s" -> BgpType.FRR_K8S;
      case "none" -> BgpType.NONE;
      default -> null;
    };
    if (type == null) {
      err.println("metallb validate: --bgp-type must be native, frr, frr-k8s or none, not " + bgpType);
      return ExitCodes.UNREADABLE;
    }
    SnapshotLoader.Loaded loaded;
    try {
      loaded = SnapshotLoader.load(ManifestReader.read(paths), namespace);
    } catch (ManifestReader.ManifestException e) {
      err.println("metallb validate: " + e.getMessage());
      return ExitCodes.UNREADABLE;
    }
    loaded.warnings().forEach(w -> err.println("warning: " + w));
    Validation validation = Validation.run(loaded, new ConfigParser.Options(type, frrk8sSecretPassthrough));
    if (output == Output.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("valid", validation.errors().isEmpty());
      doc.put("bgpType", type.text());
      if (validation.errors().isEmpty()) {
        doc.put("config", EffectiveConfigJson.of(validation.config()));
      } else {
        doc.put("errors", validation.errors().stream().map(ValidateCommand::errorJson).toList());
      }
      out.println(Json.pretty(doc));
    } else if (validation.errors().isEmpty()) {
      out.println(Summary.of(validation.config(), type));
    } else {
      validation.errors().forEach(e -> out.println(e));
    }
    out.flush();
    return validation.errors().isEmpty() ? ExitCodes.OK : ExitCodes.INVALID;
  }

  static Map<String, Object> errorJson(ConfigError e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", e.kind());
    m.put("name", e.name());
    m.put("field", e.field());
    m.put("message", e.message());
    m.put("transient", e.isTransient());
    return m;
  }

  /** Decode errors, then the parser's; the config when there are none. */
  record Validation(io.metallb.config.Config config, List<ConfigError> errors) {
    static Validation run(SnapshotLoader.Loaded loaded, ConfigParser.Options options) {
      List<ConfigError> errors = new ArrayList<>(loaded.decodeErrors());
      if (!errors.isEmpty()) {
        return new Validation(null, errors);
      }
      return switch (ConfigParser.parse(loaded.snapshot(), options)) {
        case ParseResult.Valid v -> new Validation(v.config(), List.of());
        case ParseResult.Invalid i -> new Validation(null, i.errors());
      };
    }
  }
}
