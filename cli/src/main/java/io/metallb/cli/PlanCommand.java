package io.metallb.cli;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.metallb.api.manifest.ManifestReader;
import io.metallb.api.manifest.SnapshotLoader;
import io.metallb.config.BgpType;
import io.metallb.config.ConfigError;
import io.metallb.config.ConfigParser;
import io.metallb.config.ParseResult;
import io.metallb.controller.plan.Plan;
import io.metallb.controller.service.ServiceEvent;
import io.metallb.speaker.election.L2Decision;
import io.metallb.speaker.service.L2ServicePlanner;
import io.metallb.speaker.service.ServiceFactsReader;
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

/** {@code metallb plan}: what the controller would give each Service, offline. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Shows which addresses the controller would give each Service of type LoadBalancer.",
      "Reads pools, communities, namespaces and Services from the files, parses the pools as the controller",
      "does, and converges the Services with the controller's own allocator: Services whose YAML already",
      "carries status.loadBalancer.ingress keep their addresses, as after a controller restart. A Service",
      "without cluster IPs gets in-memory ones of the families its spec asks for (a dual-stack cluster is",
      "assumed). Exit 0: planned; 1: the configuration is invalid; 2: input unreadable."
    })
final class PlanCommand implements Callable<Integer> {
  enum Output { table, json }

  @Spec CommandSpec spec;

  @Option(names = {"-f", "--filename"}, required = true, arity = "1..*", description = "Files or directories to read.")
  List<Path> paths;

  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json. Default: ${DEFAULT-VALUE}.")
  Output output;

  @Option(names = "--bgp-type", defaultValue = "native", description = "native, frr, frr-k8s or none, as METALLB_BGP_TYPE. Default: ${DEFAULT-VALUE}.")
  String bgpType;

  @Option(names = "--lb-class", defaultValue = "", description = "The controller's --lb-class: only Services of that class (default: only Services without one).")
  String lbClass;

  @Option(names = {"-n", "--namespace"}, defaultValue = SnapshotLoader.DEFAULT_NAMESPACE, description = "MetalLB's namespace. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SnapshotLoader.Loaded loaded;
    try {
      loaded = SnapshotLoader.load(ManifestReader.read(paths), namespace);
    } catch (ManifestReader.ManifestException e) {
      err.println("metallb plan: " + e.getMessage());
      return ExitCodes.UNREADABLE;
    }
    loaded.warnings().forEach(w -> err.println("warning: " + w));
    List<ConfigError> errors = new ArrayList<>(loaded.decodeErrors());
    io.metallb.config.Config.Pools pools = null;
    if (errors.isEmpty()) {
      switch (ConfigParser.parse(Plan.controllerView(loaded.snapshot()), ConfigParser.Options.of(BgpType.fromEnv(bgpType)))) {
        case ParseResult.Valid v -> pools = v.config().pools();
        case ParseResult.Invalid i -> errors.addAll(i.errors());
      }
    }
    if (!errors.isEmpty()) {
      err.println("metallb plan: the controller would not accept this configuration:");
      errors.forEach(e -> err.println("  " + e));
      return ExitCodes.INVALID;
    }
    List<Service> services = loaded.services().stream().map(PlanCommand::withClusterIps).toList();
    List<Plan.ServicePlan> plan = Plan.run(pools, services, lbClass);
    Map<String, String> l2Nodes = l2Nodes(loaded, services, plan, err);
    if (output == Output.json) {
      out.println(Json.pretty(Map.of("services", plan.stream().map(p -> json(p, l2Nodes)).toList())));
    } else {
      out.print(table(plan, l2Nodes));
    }
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * The node that would announce each planned Service at layer 2, when the files hold Nodes: every
   * listed node is taken to run a live speaker; a Service without EndpointSlices in the files is taken
   * to have a ready endpoint on every node. Keyed by {@code namespace/name}; empty without Nodes.
   */
  Map<String, String> l2Nodes(SnapshotLoader.Loaded loaded, List<Service> services, List<Plan.ServicePlan> plan, PrintWriter err) {
    if (loaded.snapshot().nodes().isEmpty()) {
      return Map.of();
    }
    io.metallb.config.Config config;
    switch (ConfigParser.parse(loaded.snapshot(), ConfigParser.Options.of(BgpType.fromEnv(bgpType)))) {
      case ParseResult.Valid v -> config = v.config();
      case ParseResult.Invalid i -> {
        err.println("warning: l2Node not computed, the speakers would not accept this configuration: " + i.errors().get(0));
        return Map.of();
      }
    }
    Map<String, L2Decision.NodeInfo> nodes = ServiceFactsReader.nodes(loaded.snapshot().nodes());
    Map<String, String> out = new LinkedHashMap<>();
    for (Plan.ServicePlan p : plan) {
      if (p.ips().isEmpty()) {
        continue;
      }
      Service svc = services.stream().filter(s -> p.namespace().equals(s.getMetadata().getNamespace()) && p.name().equals(s.getMetadata().getName()))
          .findFirst().orElseThrow();
      List<L2Decision.Endpoint> endpoints = ServiceFactsReader.endpoints(loaded.endpointSlices(), p.namespace(), p.name());
      boolean sliced = loaded.endpointSlices().stream().anyMatch(e -> p.namespace().equals(e.getMetadata().getNamespace()) && e.getMetadata().getLabels() != null
          && p.name().equals(e.getMetadata().getLabels().get(ServiceFactsReader.SERVICE_NAME_LABEL)));
      if (!sliced) {
        endpoints = nodes.keySet().stream().map(n -> new L2Decision.Endpoint(n, true, true)).toList();
      }
      L2ServicePlanner.electedNode(ServiceFactsReader.facts(svc, p.ips()), config, endpoints, nodes)
          .ifPresent(node -> out.put(p.namespace() + "/" + p.name(), node));
    }
    return out;
  }

  static Map<String, Object> json(Plan.ServicePlan p, Map<String, String> l2Nodes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("namespace", p.namespace());
    m.put("name", p.name());
    m.put("ips", p.ips());
    m.put("pool", p.pool());
    if (!l2Nodes.isEmpty()) {
      m.put("l2Node", l2Nodes.get(p.namespace() + "/" + p.name()));
    }
    m.put("error", p.error());
    m.put("events", p.events().stream().map(e -> {
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("type", e.type());
      ev.put("reason", e.reason());
      ev.put("message", e.message());
      return ev;
    }).toList());
    return m;
  }

  static String table(List<Plan.ServicePlan> plan, Map<String, String> l2Nodes) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAMESPACE", "NAME", "EXTERNAL-IP", "POOL", "STATUS"});
    for (Plan.ServicePlan p : plan) {
      String l2Node = l2Nodes.get(p.namespace() + "/" + p.name());
      String status = !p.error().isEmpty() ? p.error() : p.ips().isEmpty() ? "-" : l2Node != null ? "assigned, layer 2 from " + l2Node : "assigned";
      rows.add(new String[] {p.namespace(), p.name(), p.ips().isEmpty() ? "<pending>" : String.join(",", p.ips()), p.pool().isEmpty() ? "-" : p.pool(), status});
    }
    int[] widths = new int[4];
    for (String[] r : rows) {
      for (int i = 0; i < 4; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      for (int i = 0; i < 4; i++) {
        sb.append(r[i]).append(" ".repeat(widths[i] - r[i].length() + 3));
      }
      sb.append(r[4]).append('\n');
    }
    return sb.toString();
  }

  /**
   * The API server gives every Service cluster IPs; a Service written by hand has none. Give it
   * in-memory ones (198.18.0.0/15, 2001:db8:ffff::/112) of the families its spec asks for.
   */
  static Service withClusterIps(Service svc) {
    if (svc.getSpec() == null || (svc.getSpec().getClusterIPs() != null && !svc.getSpec().getClusterIPs().isEmpty())
        || (svc.getSpec().getClusterIP() != null && !svc.getSpec().getClusterIP().isEmpty())) {
      return svc;
    }
    List<String> families = svc.getSpec().getIpFamilies() == null ? List.of() : svc.getSpec().getIpFamilies();
    String policy = svc.getSpec().getIpFamilyPolicy() == null ? "SingleStack" : svc.getSpec().getIpFamilyPolicy();
    boolean v6First = !families.isEmpty() && families.get(0).equals("IPv6");
    int n = Math.floorMod(svc.getMetadata().getName().hashCode(), 65534) + 1;
    String v4 = "198.18." + (n >> 8) + "." + (n & 0xff);
    String v6 = "2001:db8:ffff::" + Integer.toHexString(n);
    List<String> ips = policy.equals("SingleStack") ? List.of(v6First ? v6 : v4) : v6First ? List.of(v6, v4) : List.of(v4, v6);
    Service copy = new ServiceBuilder(svc).build();
    copy.getSpec().setClusterIPs(ips);
    copy.getSpec().setClusterIP(ips.get(0));
    return copy;
  }
}
