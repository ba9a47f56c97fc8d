package io.metallb.speaker;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.metallb.config.BgpType;
import io.metallb.k8s.CommonOptions;
import io.metallb.k8s.HttpEndpoints;
import io.metallb.k8s.K8sClientMetrics;
import io.metallb.k8s.KubernetesClients;
import io.metallb.k8s.ShutdownSignal;
import io.metallb.logging.GoKitJsonLayout;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.netty.BgpSpeaker;
import io.metallb.speaker.ffm.RawSockets;
import io.metallb.speaker.k8s.BgpAnnouncer;
import io.metallb.speaker.k8s.BgpServiceReconciler;
import io.metallb.speaker.k8s.L2ServiceReconciler;
import io.metallb.speaker.k8s.PrometheusBfdMetrics;
import io.metallb.speaker.k8s.PrometheusBgpMetrics;
import io.metallb.speaker.k8s.SpeakerMembership;
import io.metallb.speaker.k8s.SpeakerRuntime;
import io.metallb.speaker.layer2.Announcer;
import io.metallb.speaker.layer2.ExcludeL2;
import io.metallb.speaker.layer2.SysfsInterfaces;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The speaker binary, with MetalLB's flags (spec §15.2). So far it keeps this node's view of the
 * configuration and its memberlist, announces at layer 2, and over BGP with its own engine in every
 * {@code METALLB_BGP_TYPE} (native, frr, frr-k8s: the FRR modes only change validation, and let
 * BGPPeers use BFD profiles).
 */
@Command(name = "speaker", mixinStandardHelpOptions = true, description = "MetalLB speaker: membership and configuration of one node.")
public final class SpeakerMain implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(SpeakerMain.class);

  @Mixin CommonOptions common;

  @Option(names = "--bgp-debounce-timeout", defaultValue = "${env:METALLB_BGP_DEBOUNCE_TIMEOUT:-3000}", description = "FRR-mode reload debounce, in ms.")
  String bgpDebounceTimeout;

  @Option(names = "--host", defaultValue = "${env:METALLB_HOST}", description = "Deprecated; unused.")
  String host;

  @Option(names = "--ml-bindaddr", defaultValue = "${env:METALLB_ML_BIND_ADDR}", description = "Memberlist bind address.")
  String mlBindAddr;

  @Option(names = "--ml-bindport", defaultValue = "${env:METALLB_ML_BIND_PORT}", description = "Memberlist port (7946).")
  String mlBindPort;

  @Option(names = "--ml-labels", defaultValue = "${env:METALLB_ML_LABELS}", description = "Label selector of the speaker pods.")
  String mlLabels;

  @Option(names = "--ml-secret-key-path", defaultValue = "${env:METALLB_ML_SECRET_KEY_PATH}", description = "Directory holding the memberlist secret key file 'secretkey'.")
  String mlSecretKeyPath;

  @Option(names = "--ml-wan-config", description = "Memberlist WAN defaults.")
  boolean mlWanConfig;

  @Option(names = "--ml-config-file", defaultValue = "/etc/metallb/memberlist/config.json", hidden = true, description = "Memberlist configuration override.")
  Path mlConfigFile;

  @Option(names = "--node-name", defaultValue = "${env:METALLB_NODE_NAME}", description = "This node's name (required).")
  String nodeName;

  @Option(names = "--ignore-exclude-lb", description = "Ignore node.kubernetes.io/exclude-from-external-load-balancers.")
  boolean ignoreExcludeLb;

  @Option(names = "--frrk8s-namespace", defaultValue = "${env:FRRK8S_NAMESPACE}", description = "FRR-K8s namespace.")
  String frrk8sNamespace;

  @Option(names = "--frrk8s-secret-passthrough", description = "Pass BGP password secrets through to FRR-K8s.")
  boolean frrk8sSecretPassthrough;

  @Option(names = "--excludel2-path", defaultValue = "/etc/metallb/excludel2.yaml", hidden = true,
      description = "File listing announcedInterfacesToExclude (regular expressions).")
  Path excludeL2Path;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SpeakerMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    GoKitJsonLayout.install(common.logLevel);
    if (nz(nodeName).isEmpty()) {
      log.atError().addKeyValue("op", "startup").log("Missing required flag --node-name (or METALLB_NODE_NAME)");
      return 1;
    }
    java.util.Optional<String> namespace = common.resolveNamespace(log);
    if (namespace.isEmpty()) {
      return 1;
    }
    String ns = namespace.get();
    BgpType bgpType = BgpType.fromEnv(System.getenv("METALLB_BGP_TYPE"));
    if (frrk8sSecretPassthrough && (bgpType != BgpType.FRR_K8S || nz(frrk8sNamespace).isEmpty())) {
      log.atError().addKeyValue("op", "startup").log("--frrk8s-secret-passthrough requires METALLB_BGP_TYPE=frr-k8s and --frrk8s-namespace");
      return 1;
    }
    PrometheusRegistry registry = new PrometheusRegistry();
    K8sClientMetrics metrics = new K8sClientMetrics(registry);
    ShutdownSignal shutdown = ShutdownSignal.install();
    try (KubernetesClient client = KubernetesClients.forComponent("speaker");
        SpeakerMembership membership = SpeakerMembership.start(client, new SpeakerMembership.Settings(nodeName, ns, nz(mlBindAddr), nz(mlBindPort),
            nz(mlLabels), nz(mlSecretKeyPath), mlWanConfig, mlConfigFile), registry);
        HttpEndpoints endpoints = common.endpoints(client, "127.0.0.1", registry, "speaker");
        Announcer announcer = new Announcer(ExcludeL2.read(excludeL2Path), SysfsInterfaces::read, InstantSource.system(), registry).start();
        L2ServiceReconciler services = new L2ServiceReconciler(client, new L2ServiceReconciler.Options(ns, nodeName, nz(common.podName), nz(common.lbClass), ignoreExcludeLb),
            membership.usable(), announcer, InstantSource.system(), registry);
        // Our BGP engine (sessions, BFD, the BGP ServiceReconciler) in native, frr and frr-k8s modes: no FRR runs beside this
        // speaker, the mode only picks the validator. Null for an unknown mode; try-with-resources skips null.
        BgpSpeaker bgpSpeaker = bgpType == BgpType.NONE ? null : BgpSpeaker.create(nodeName, new PrometheusBgpMetrics(registry),
            new PrometheusBfdMetrics(registry), false, (s, from, to, why) -> { }, (session, change) -> { });
        BgpServiceReconciler bgpServices = bgpSpeaker == null ? null : new BgpServiceReconciler(client,
            new L2ServiceReconciler.Options(ns, nodeName, nz(common.podName), nz(common.lbClass), ignoreExcludeLb), BgpAnnouncer.of(bgpSpeaker),
            InstantSource.system(), services.announcedGauge());
        SpeakerRuntime runtime = new SpeakerRuntime(client, new SpeakerRuntime.Options(ns, nodeName, nz(common.podName), bgpType, frrk8sSecretPassthrough),
            metrics, InstantSource.system(), membership, config -> {
              if (bgpServices != null) {
                bgpSpeaker.setBfdProfiles(config.bfdProfiles());
                bgpServices.setConfig(config);
              }
              services.setConfig(config);
            }, () -> {
              if (bgpServices != null) {
                bgpServices.reprocessAll();
              }
              services.reprocessAll();
            }, () -> {
              Map<String, List<IpAddress>> all = new HashMap<>(services.announcedIps());
              if (bgpServices != null) {
                all.putAll(bgpServices.announcedIps());
              }
              return all;
            })) {
      log.atInfo().addKeyValue("op", "startup").addKeyValue("node", nodeName).addKeyValue("namespace", ns)
          .addKeyValue("metricsPort", common.port == 0 ? 0 : endpoints.metricsPort()).log("MetalLB speaker starting");
      RawSockets.unavailabilityCause().ifPresent(cause -> log.atError().addKeyValue("op", "startup").addKeyValue("error", cause)
          .log("layer 2 announcements need raw sockets"));
      services.start();
      if (bgpServices != null) {
        bgpServices.start();
      }
      runtime.start();
      shutdown.await();
    }
    shutdown.finished();
    return 0;
  }

  private static String nz(String s) {
    return CommonOptions.nz(s);
  }
}
