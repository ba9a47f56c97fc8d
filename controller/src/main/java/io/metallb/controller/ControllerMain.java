package io.metallb.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.metallb.config.BgpType;
import io.metallb.controller.k8s.ControllerMetrics;
import io.metallb.controller.k8s.ControllerOptions;
import io.metallb.controller.k8s.ControllerRuntime;
import io.metallb.controller.webhook.AdmissionValidator;
import io.metallb.controller.webhook.CertRotator;
import io.metallb.controller.webhook.ExistingObjects;
import io.metallb.controller.webhook.ReloadingKeyManager;
import io.metallb.controller.webhook.WebhookServer;
import io.metallb.k8s.CommonOptions;
import io.metallb.k8s.HttpEndpoints;
import io.metallb.k8s.KubernetesClients;
import io.metallb.k8s.ShutdownSignal;
import io.metallb.logging.GoKitJsonLayout;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The controller binary, with MetalLB's flags (spec §15.1). */
@Command(name = "controller", mixinStandardHelpOptions = true, description = "MetalLB controller: assigns addresses to Services of type LoadBalancer.")
public final class ControllerMain implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ControllerMain.class);

  @Mixin CommonOptions common;

  @Option(names = "--ml-secret-name", defaultValue = "${env:METALLB_ML_SECRET_NAME}", description = "Name of the memberlist Secret to create.")
  String mlSecretName;

  @Option(names = "--deployment", defaultValue = "${env:METALLB_DEPLOYMENT}", description = "Name of the controller Deployment (owner of the memberlist Secret).")
  String deployment;

  @Option(names = "--disable-cert-rotation", description = "Do not generate or rotate the webhook certificates.")
  boolean disableCertRotation;

  @Option(names = "--cert-dir", defaultValue = "/tmp/k8s-webhook-server/serving-certs", description = "Webhook certificate directory.")
  String certDir;

  @Option(names = "--cert-service-name", defaultValue = "metallb-webhook-service", description = "Service name in the webhook certificate.")
  String certServiceName;

  @Option(names = "--webhook-mode", defaultValue = "enabled", description = "enabled, disabled or onlywebhook.")
  String webhookMode;

  @Option(names = "--webhook-secret", defaultValue = "metallb-webhook-cert", description = "Secret holding the webhook certificates.")
  String webhookSecret;

  @Option(names = "--webhook-http2", description = "Allow HTTP/2 on the webhook server (else ALPN offers http/1.1 only).")
  boolean webhookHttp2;

  @Option(names = "--webhook-port", defaultValue = "9443", hidden = true, description = "Port of the webhook server (MetalLB's is fixed at 9443).")
  int webhookPort;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ControllerMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    GoKitJsonLayout.install(common.logLevel);
    if (!java.util.Set.of("enabled", "disabled", "onlywebhook").contains(webhookMode)) {
      log.atError().addKeyValue("op", "startup").addKeyValue("error", "invalid webhookmode value").addKeyValue("value", webhookMode).log("invalid --webhook-mode");
      return 1;
    }
    java.util.Optional<String> namespace = common.resolveNamespace(log);
    if (namespace.isEmpty()) {
      return 1;
    }
    String ns = namespace.get();
    BgpType bgpType = BgpType.fromEnv(System.getenv("METALLB_BGP_TYPE"));
    if (bgpType == BgpType.FRR) {
      log.atWarn().addKeyValue("op", "startup").log("The FRR mode is deprecated and will be removed in a future release. Please migrate to the frr-k8s mode.");
    }
    ControllerOptions options = new ControllerOptions(ns, common.lbClass, bgpType, nz(mlSecretName), nz(deployment), nz(common.podName), !webhookMode.equals("onlywebhook"));
    ControllerMetrics metrics = new ControllerMetrics();
    ShutdownSignal shutdown = ShutdownSignal.install();
    try (KubernetesClient client = KubernetesClients.forComponent("controller");
        HttpEndpoints endpoints = common.endpoints(client, null, metrics.registry(), "controller");
        ControllerRuntime runtime = new ControllerRuntime(client, options, metrics, InstantSource.system())) {
      log.atInfo().addKeyValue("op", "startup").addKeyValue("namespace", ns).addKeyValue("lbClass", common.lbClass)
          .addKeyValue("healthPort", common.healthProbePort == 0 ? 0 : endpoints.healthPort()).log("MetalLB controller starting");
      runtime.start();
      WebhookServer webhooks = webhookMode.equals("disabled") ? null : startWebhooks(client, ns, bgpType);
      try {
        shutdown.await();
      } finally {
        if (webhooks != null) {
          webhooks.close();
        }
      }
    }
    shutdown.finished();
    return 0;
  }

  /** The webhook server on --webhook-port, its certificates kept by a {@link CertRotator} (hourly). */
  private WebhookServer startWebhooks(KubernetesClient client, String ns, BgpType bgpType) throws Exception {
    ReloadingKeyManager keys = new ReloadingKeyManager();
    if (disableCertRotation) {
      CertRotator.fromCertDir(Path.of(certDir), keys);
    } else {
      CertRotator rotator = new CertRotator(client, ns, webhookSecret, certServiceName, Path.of(certDir), InstantSource.system(), new SecureRandom(), keys);
      rotator.ensure();
      var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "metallb-cert-rotation");
        t.setDaemon(true);
        return t;
      });
      timer.scheduleAtFixedRate(() -> {
        try {
          rotator.ensure();
        } catch (RuntimeException e) {
          log.atError().addKeyValue("op", "certRotation").addKeyValue("error", e.getMessage()).log("certificate rotation failed");
        }
      }, 1, 1, java.util.concurrent.TimeUnit.HOURS);
    }
    return new WebhookServer(new InetSocketAddress(webhookPort), keys, common.tlsMinVersion, webhookHttp2, new AdmissionValidator(ns, bgpType), ExistingObjects.lister(client, ns));
  }

  private static String nz(String s) {
    return CommonOptions.nz(s);
  }
}
