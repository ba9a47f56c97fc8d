package io.metallb.controller.allocator;

import io.metallb.api.manifest.ManifestReader;
import io.metallb.api.manifest.SnapshotLoader;
import io.metallb.config.BgpType;
import io.metallb.config.Config;
import io.metallb.config.ConfigParser;
import io.metallb.config.ParseResult;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

/** Test helper: pools from compact definitions, parsed by the real parser. */
public final class TestPools {
  private TestPools() {}

  /** {@code name: spec-yaml} pairs, e.g. {@code "a", "addresses: [10.0.0.0/30]"}. */
  public static Config.Pools of(String... nameAndSpec) {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < nameAndSpec.length; i += 2) {
      yaml.append("apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: {name: ").append(nameAndSpec[i]).append("}\nspec: {")
          .append(nameAndSpec[i + 1]).append("}\n---\n");
    }
    return parse(yaml.toString());
  }

  public static Config.Pools parse(String yaml) {
    try {
      SnapshotLoader.Loaded loaded = SnapshotLoader.load(ManifestReader.readDocuments("test", new StringReader(yaml)), SnapshotLoader.DEFAULT_NAMESPACE);
      return switch (ConfigParser.parse(loaded.snapshot(), ConfigParser.Options.of(BgpType.NONE))) {
        case ParseResult.Valid v -> v.config().pools();
        case ParseResult.Invalid i -> throw new AssertionError(i.errors());
      };
    } catch (ManifestReader.ManifestException e) {
      throw new AssertionError(e);
    }
  }

  /** A Service request: {@code key} "ns/name", family, ports like "TCP/80", sharing key. */
  public static ServiceRequest svc(String key, ServiceFamily family, FamilyPolicy policy, String sharing, String backend, String... ports) {
    return svc(key, Map.of(), family, policy, sharing, backend, ports);
  }

  public static ServiceRequest svc(String key, Map<String, String> labels, ServiceFamily family, FamilyPolicy policy, String sharing, String backend, String... ports) {
    List<Port> p = java.util.Arrays.stream(ports).map(s -> new Port(s.split("/")[0], Integer.parseInt(s.split("/")[1]))).toList();
    return new ServiceRequest(key, key.split("/")[0], labels, family, policy, false, p, new SharingKey(sharing, backend));
  }

  public static ServiceRequest v4(String key, String... ports) {
    return svc(key, ServiceFamily.IPV4, FamilyPolicy.SINGLE_STACK, "", "", ports);
  }

  public static ServiceRequest shared(String key, String sharing, String... ports) {
    return svc(key, ServiceFamily.IPV4, FamilyPolicy.SINGLE_STACK, sharing, "", ports);
  }
}
