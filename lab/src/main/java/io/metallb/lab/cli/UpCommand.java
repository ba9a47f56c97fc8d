package io.metallb.lab.cli;

import io.metallb.lab.Lab;
import io.metallb.lab.RunRegistry;
import io.metallb.lab.apiserver.ApiServerProcess;
import io.metallb.lab.net.AddressPlan;
import io.metallb.lab.net.Topology;
import io.metallb.lab.net.TopologySpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metallb lab up}: builds a lab with an API server and leaves it running. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Bring up a lab (nodes, router, client, API server) and leave it running; `lab down` removes it.")
public final class UpCommand implements Callable<Integer> {
  @Option(names = "--nodes", defaultValue = "3", description = "Number of node namespaces (default ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--router", defaultValue = "frr",
      description = "BGP router in the router namespace: frr, bird, gobgp or none (default ${DEFAULT-VALUE}).")
  RouterChoice router;

  @Option(names = "--ipv6", description = "Also configure IPv6 addresses and IPv6 BGP sessions.")
  boolean ipv6;

  @Option(names = "--second-link", description = "Give each node eth1 on a second bridge (192.0.2.0/24).")
  boolean secondLink;

  @Option(names = "--run-root", paramLabel = "DIR",
      description = "Where run directories go (default: $" + RunRegistry.DIR_ENV + " or /run/metallb-lab, + /runs).")
  Path runRoot;

  @Override
  public Integer call() {
    Path root = runRoot != null ? runRoot : RunRegistry.standard().dir().resolve("runs");
    Lab lab = Lab.start(new TopologySpec(nodes, secondLink, ipv6), root);
    try {
      ApiServerProcess api = ApiServerProcess.start(lab);
      String routerHelp = RouterSetup.start(lab, router, ipv6);
      lab.detach();
      System.out.println(describe(lab, api, routerHelp));
      return 0;
    } catch (RuntimeException e) {
      System.err.println(lab.failureReport());
      lab.close();
      throw e;
    }
  }

  private String describe(Lab lab, ApiServerProcess api, String routerHelp) {
    Topology t = lab.topology();
    StringBuilder out = new StringBuilder();
    out.append("lab ").append(lab.run()).append(" is up; run directory ").append(lab.runDir()).append('\n');
    out.append("API server  ").append(api.url()).append("  (host side, ").append(t.hostLink()).append(")\n");
    out.append("kubeconfig  ").append(api.kubeconfig()).append('\n');
    out.append("            kubectl --kubeconfig ").append(api.kubeconfig()).append(" get svc -A\n");
    out.append("            (create objects with `kubectl create --validate=false -f …`)\n");
    for (int i = 1; i <= t.spec().nodes(); i++) {
      out.append("node ").append(i).append("      ip netns exec ").append(t.nodeNamespace(i)).append(" bash   ")
          .append(AddressPlan.nodeV4(i)).append(ipv6 ? " " + AddressPlan.nodeV6(i) : "").append('\n');
    }
    out.append("router      ip netns exec ").append(t.routerNamespace()).append(" bash   ")
        .append(AddressPlan.ROUTER_V4).append(ipv6 ? " " + AddressPlan.ROUTER_V6 : "").append('\n');
    out.append(routerHelp);
    out.append("client      ip netns exec ").append(t.clientNamespace()).append(" bash   ")
        .append(AddressPlan.CLIENT_V4).append(ipv6 ? " " + AddressPlan.CLIENT_V6 : "").append('\n');
    out.append("switch      ip netns exec ").append(t.switchNamespace()).append(" bridge link\n");
    out.append("logs        ").append(lab.supervisor().logDir()).append('\n');
    out.append("status      metallb lab status\n");
    out.append("tear down   metallb lab down");
    return out.toString();
  }
}
