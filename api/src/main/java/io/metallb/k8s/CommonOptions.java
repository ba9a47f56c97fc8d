package io.metallb.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import picocli.CommandLine.Option;

/**
 * The flags MetalLB's controller and speaker share (spec §15.1, §15.2), as a picocli mixin of
 * both binaries. picocli fills the fields before {@code call()}; they are read-only after that.
 */
public final class CommonOptions {
  @Option(names = "--port", defaultValue = "9120", description = "Prometheus metrics port (HTTPS); 0 disables it.")
  public int port;

  @Option(names = "--namespace", defaultValue = "${env:METALLB_NAMESPACE}",
      description = "MetalLB's namespace (default: METALLB_NAMESPACE, else the service account's).")
  public String namespace;

  @Option(names = "--pod-name", defaultValue = "${env:METALLB_POD_NAME}", description = "This binary's pod (owner of its ConfigurationState).")
  public String podName;

  @Option(names = "--log-level", defaultValue = "info", description = "all, debug, info, warn, error or none.")
  public String logLevel;

  @Option(names = "--pprof-bind-address", defaultValue = "", description = "Accepted for compatibility; Go's pprof has no equivalent here.")
  public String pprofBindAddress;

  @Option(names = "--health-probe-port", defaultValue = "17472", description = "Port of /healthz and /readyz (the speaker binds 127.0.0.1).")
  public int healthProbePort;

  @Option(names = "--lb-class", defaultValue = "", description = "Only handle Services of this load balancer class (default: only Services without one).")
  public String lbClass;

  @Option(names = "--tls-min-version", defaultValue = "", description = "VersionTLS12 or VersionTLS13 (metrics default: TLS 1.3).")
  public String tlsMinVersion;

  @Option(names = "--tls-cipher-suites", defaultValue = "", description = "TLS 1.2 cipher suites of the metrics endpoint (comma-separated).")
  public String tlsCipherSuites;

  @Option(names = "--tls-curve-preferences", defaultValue = "", description = "TLS curves of the metrics endpoint, as Go CurveIDs (comma-separated).")
  public String tlsCurvePreferences;

  @Option(names = "--metrics-cert-dir", defaultValue = "", description = "Directory with tls.crt and tls.key for metrics (default: self-signed).")
  public String metricsCertDir;

  /** Where a pod's service account names its namespace. */
  public static final Path SERVICE_ACCOUNT_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  /**
   * MetalLB's namespace: {@code --namespace} (or {@code METALLB_NAMESPACE}), else the pod's service
   * account namespace; empty (with MetalLB's error logged) when neither is there.
   */
  public Optional<String> resolveNamespace(Logger log) throws IOException {
    String ns = nz(namespace);
    if (!ns.isEmpty()) {
      return Optional.of(ns);
    }
    if (!Files.exists(SERVICE_ACCOUNT_NAMESPACE)) {
      log.atError().addKeyValue("op", "startup")
          .log("Unable to get namespace from pod service account data, please specify --namespace or METALLB_NAMESPACE");
      return Optional.empty();
    }
    return Optional.of(Files.readString(SERVICE_ACCOUNT_NAMESPACE).strip());
  }

  /** picocli's "null" for an unset environment fallback, and null itself, as empty. */
  public static String nz(String s) {
    return s == null || s.equals("null") ? "" : s;
  }

  /**
   * The health and metrics endpoints these flags describe: health on {@code healthHost} (null for
   * every address) unless {@code --health-probe-port=0}, HTTPS metrics on every address unless
   * {@code --port=0}. The caller owns and closes them.
   */
  public HttpEndpoints endpoints(KubernetesClient client, String healthHost, io.prometheus.metrics.model.registry.PrometheusRegistry registry,
      String component) throws IOException {
    InetSocketAddress health = healthProbePort == 0 ? null
        : healthHost == null ? new InetSocketAddress(healthProbePort) : new InetSocketAddress(healthHost, healthProbePort);
    return new HttpEndpoints(health, port == 0 ? null : new InetSocketAddress(port), registry, port == 0 ? null
        : HttpEndpoints.Security.of(client, nz(metricsCertDir), tlsMinVersion, nz(tlsCipherSuites), nz(tlsCurvePreferences), component));
  }
}
