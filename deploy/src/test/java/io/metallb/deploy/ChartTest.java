package io.metallb.deploy;

import static io.metallb.deploy.Rendered.container;
import static io.metallb.deploy.Rendered.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.metallb.controller.ControllerMain;
import io.metallb.controller.webhook.WebhookServer;
import io.metallb.speaker.SpeakerMain;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code charts/metallb} as Helm renders it: lint-clean, MetalLB's objects and values, the
 * speaker with the host network and NET_RAW alone, the controller unprivileged, every flag and
 * variable it passes understood by our binaries.
 */
class ChartTest {
  static final HelmChart CHART = HelmChart.ofRepository();

  static Rendered render(Map<String, ?> values) {
    return Rendered.parse(CHART.render(values));
  }

  @Test
  void lintIsCleanWithDefaultsAndWithEverythingSwitchedOn() {
    LintResult defaults = CHART.lint();
    assertThat(defaults.isFailed()).as(String.join("\n", defaults.getMessages())).isFalse();
    Map<String, Object> everything = new LinkedHashMap<>();
    everything.put("prometheus.podMonitor.enabled", true);
    everything.put("prometheus.serviceMonitor.enabled", true);
    everything.put("prometheus.prometheusRule.enabled", true);
    everything.put("prometheus.serviceAccount", "prometheus-k8s");
    everything.put("prometheus.namespace", "monitoring");
    everything.put("prometheus.scrapeAnnotations", true);
    everything.put("networkpolicies.enabled", true);
    everything.put("networkpolicies.defaultDeny", true);
    everything.put("loadBalancerClass", "metallb");
    everything.put("tls.minVersion", "VersionTLS13");
    LintResult all = CHART.lint(everything, HelmChart.repositoryRoot().resolve("deploy/target/lint"));
    assertThat(all.isFailed()).as(String.join("\n", all.getMessages())).isFalse();
  }

  @Test
  void defaultsRenderMetalLbsObjects() {
    Rendered r = render(Map.of());
    assertThat(r.kinds()).containsOnly("CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role",
        "RoleBinding", "ConfigMap", "Secret", "Service", "Deployment", "DaemonSet", "ValidatingWebhookConfiguration");
    assertThat(r.find("CustomResourceDefinition", "bgppeers.metallb.io")).isPresent();
    assertThat(r.all(io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class)).hasSize(9);
    assertThat(r.find("ConfigMap", "metallb-excludel2")).isPresent();
    assertThat(r.find("Secret", "metallb-webhook-cert")).isPresent();
    assertThat(r.find("Service", "metallb-webhook-service")).isPresent();
    assertThat(r.speaker().getMetadata().getName()).isEqualTo("metallb-speaker");
    assertThat(r.controller().getMetadata().getName()).isEqualTo("metallb-controller");
    assertThat(r.objects()).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isIn(null, HelmChart.NAMESPACE));
  }

  @Test
  void speakerUsesTheHostNetworkWithOnlyNetRawAndAReadOnlyRoot() {
    DaemonSet speaker = render(Map.of()).speaker();
    PodSpec pod = speaker.getSpec().getTemplate().getSpec();
    assertThat(pod.getHostNetwork()).isTrue();
    SecurityContext sc = container(speaker).getSecurityContext();
    assertThat(sc.getCapabilities().getAdd()).containsExactly("NET_RAW");
    assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
    assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
    assertThat(sc.getPrivileged()).isNull();
    assertThat(pod.getTolerations()).extracting(t -> t.getKey() + ":" + t.getEffect() + ":" + t.getOperator())
        .containsExactly("node-role.kubernetes.io/master:NoSchedule:Exists", "node-role.kubernetes.io/control-plane:NoSchedule:Exists");
    assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
    assertThat(container(speaker).getLivenessProbe().getHttpGet().getHost()).isEqualTo("127.0.0.1");
    assertThat(container(speaker).getLivenessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(17472);
  }

  @Test
  void speakerGetsMetalLbsEnvironment() {
    Rendered r = render(Map.of());
    DaemonSet speaker = r.speaker();
    Map<String, String> env = env(container(speaker));
    assertThat(env).containsExactlyInAnyOrderEntriesOf(Map.of(
        "METALLB_NODE_NAME", "fieldRef:spec.nodeName",
        "METALLB_HOST", "fieldRef:status.hostIP",
        "METALLB_POD_NAME", "fieldRef:metadata.name",
        "METALLB_ML_BIND_ADDR", "fieldRef:status.podIP",
        "METALLB_ML_LABELS", "app.kubernetes.io/name=metallb,app.kubernetes.io/component=speaker",
        "METALLB_ML_BIND_PORT", "7946",
        "METALLB_ML_SECRET_KEY_PATH", "/etc/ml_secret_key",
        "METALLB_BGP_TYPE", "frr-k8s"));
    // The memberlist label selector finds the speaker pods, and the key is the controller's Secret.
    Map<String, String> podLabels = speaker.getSpec().getTemplate().getMetadata().getLabels();
    Arrays.stream(env.get("METALLB_ML_LABELS").split(",")).map(kv -> kv.split("="))
        .forEach(kv -> assertThat(podLabels).containsEntry(kv[0], kv[1]));
    String secret = env(container(r.controller())).get("METALLB_ML_SECRET_NAME");
    assertThat(secret).isEqualTo("metallb-memberlist");
    Volume memberlist = volume(speaker.getSpec().getTemplate().getSpec(), "memberlist");
    assertThat(memberlist.getSecret().getSecretName()).isEqualTo(secret);
    assertThat(container(speaker).getVolumeMounts()).anySatisfy(m -> {
      assertThat(m.getName()).isEqualTo("memberlist");
      assertThat(m.getMountPath()).isEqualTo("/etc/ml_secret_key");
    });
    assertThat(container(speaker).getVolumeMounts()).anySatisfy(m -> {
      assertThat(m.getName()).isEqualTo("metallb-excludel2");
      assertThat(m.getMountPath()).isEqualTo("/etc/metallb");
    });
    assertThat(container(speaker).getPorts()).extracting(p -> p.getName() + "/" + p.getContainerPort() + "/" + p.getProtocol())
        .containsExactly("metricshttps/9120/null", "memberlist-tcp/7946/TCP", "memberlist-udp/7946/UDP");
  }

  @Test
  void controllerRunsAsNonRootWithNothingAdded() {
    Deployment controller = render(Map.of()).controller();
    PodSpec pod = controller.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65534L);
    assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(65534L);
    assertThat(pod.getHostNetwork()).isNull();
    SecurityContext sc = container(controller).getSecurityContext();
    assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
    assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
    assertThat(env(container(controller))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "METALLB_POD_NAME", "fieldRef:metadata.name",
        "METALLB_ML_SECRET_NAME", "metallb-memberlist",
        "METALLB_DEPLOYMENT", "metallb-controller",
        "METALLB_BGP_TYPE", "frr-k8s"));
    assertThat(env(container(controller)).get("METALLB_DEPLOYMENT")).isEqualTo(controller.getMetadata().getName());
    assertThat(container(controller).getArgs()).containsExactly("--port=9120", "--log-level=info", "--webhook-mode=enabled");
    assertThat(container(controller).getVolumeMounts()).anySatisfy(m ->
        assertThat(m.getMountPath()).isEqualTo("/tmp/k8s-webhook-server/serving-certs"));
    assertThat(container(controller).getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
  }

  @Test
  void everyFlagAndVariableTheChartPassesIsUnderstoodByTheBinaries() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("loadBalancerClass", "metallb");
    values.put("speaker.ignoreExcludeLB", true);
    values.put("tls.minVersion", "VersionTLS13");
    values.put("tls.cipherSuites", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    values.put("tls.curvePreferences", "23");
    values.put("tls.controllerMetricsTLSSecret", "cm");
    values.put("tls.speakerMetricsTLSSecret", "sm");
    Rendered r = render(values);
    assertUnderstood(new ControllerMain(), container(r.controller()));
    assertUnderstood(new SpeakerMain(), container(r.speaker()));
    assertThat(container(r.controller()).getArgs()).contains("--lb-class=metallb", "--tls-min-version=VersionTLS13", "--metrics-cert-dir=/etc/metrics");
    assertThat(container(r.speaker()).getArgs()).contains("--lb-class=metallb", "--ignore-exclude-lb", "--tls-curve-preferences=23");
  }

  /** Every argument parses as one of the command's options and every variable is an option's fallback. */
  static void assertUnderstood(Object command, Container container) {
    new CommandLine(command).parseArgs(container.getArgs().toArray(String[]::new));
    // picocli interpolates defaults when it builds the model, so the ${env:...} text is read from the annotations.
    List<String> fallbacks = Arrays.stream(command.getClass().getDeclaredFields())
        .flatMap(f -> f.isAnnotationPresent(CommandLine.Mixin.class) ? Arrays.stream(f.getType().getDeclaredFields()) : java.util.stream.Stream.of(f))
        .map(f -> f.getAnnotation(CommandLine.Option.class)).filter(o -> o != null && o.defaultValue().startsWith("${env:"))
        .map(o -> o.defaultValue().substring(6).split("[:}]")[0]).toList();
    // METALLB_BGP_TYPE is read as such by both binaries (BgpType.fromEnv), as in MetalLB.
    assertThat(fallbacks).as(command.getClass().getSimpleName() + " options' environment fallbacks")
        .containsAll(env(container).keySet().stream().filter(name -> !name.equals("METALLB_BGP_TYPE")).toList());
  }

  @Test
  void webhooksServeEveryPathTheControllerServes() {
    Rendered r = render(Map.of("crds.validationFailurePolicy", "Ignore"));
    ValidatingWebhookConfiguration vwc = r.all(ValidatingWebhookConfiguration.class).getFirst();
    assertThat(vwc.getMetadata().getName()).isEqualTo("metallb-webhook-configuration");
    assertThat(vwc.getWebhooks()).extracting(w -> w.getClientConfig().getService().getPath())
        .containsExactlyInAnyOrderElementsOf(WebhookServer.VALIDATION_PATHS.keySet());
    assertThat(vwc.getWebhooks()).allSatisfy(w -> {
      assertThat(w.getFailurePolicy()).isEqualTo("Ignore");
      assertThat(w.getSideEffects()).isEqualTo("None");
      assertThat(w.getAdmissionReviewVersions()).containsExactly("v1");
      assertThat(w.getClientConfig().getService().getNamespace()).isEqualTo(HelmChart.NAMESPACE);
      assertThat(w.getClientConfig().getService().getName()).isEqualTo("metallb-webhook-service");
    });
    assertThat(vwc.getWebhooks()).filteredOn(w -> w.getName().startsWith("bfdprofile"))
        .singleElement().satisfies(w -> assertThat(w.getRules().getFirst().getOperations()).containsExactly("CREATE", "DELETE"));
    Map<String, String> selector = ((io.fabric8.kubernetes.api.model.Service) r.find("Service", "metallb-webhook-service").orElseThrow())
        .getSpec().getSelector();
    assertThat(r.controller().getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selector);
  }

  @Test
  void webhookModeDisabledDropsTheWebhooks() {
    Rendered r = render(Map.of("controller.webhookMode", "disabled"));
    assertThat(r.kinds()).doesNotContain("ValidatingWebhookConfiguration");
    assertThat(container(r.controller()).getPorts()).extracting(p -> p.getName()).containsExactly("metricshttps");
    assertThat(container(r.controller()).getArgs()).contains("--webhook-mode=disabled");
  }

  @Test
  void memberlistDisabledDropsItsVariablesAndSecret() {
    Rendered r = render(Map.of("speaker.memberlist.enabled", false));
    assertThat(env(container(r.speaker()))).doesNotContainKeys("METALLB_ML_BIND_ADDR", "METALLB_ML_LABELS", "METALLB_ML_SECRET_KEY_PATH");
    assertThat(env(container(r.controller()))).doesNotContainKeys("METALLB_ML_SECRET_NAME", "METALLB_DEPLOYMENT");
    assertThat(r.speaker().getSpec().getTemplate().getSpec().getVolumes()).extracting(Volume::getName).doesNotContain("memberlist");
  }

  @Test
  void valuesOverrideNamesImagesPlacementAndProbes() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("fullnameOverride", "lb");
    values.put("controller.image.repository", "registry.example/metallb-controller");
    values.put("controller.image.tag", "v1");
    values.put("controller.priorityClassName", "system-cluster-critical");
    values.put("controller.resources.limits.memory", "256Mi");
    values.put("controller.nodeSelector.tier", "infra");
    values.put("controller.logLevel", "debug");
    values.put("speaker.tolerateMaster", false);
    values.put("speaker.livenessProbe.enabled", false);
    values.put("speaker.memberlist.mlBindAddrOverride", "192.0.2.1");
    values.put("speaker.memberlist.mlBindPort", 7947);
    values.put("speaker.excludeInterfaces.enabled", false);
    values.put("rbac.create", false);
    values.put("crds.enabled", false);
    Rendered r = render(values);
    assertThat(container(r.controller()).getImage()).isEqualTo("registry.example/metallb-controller:v1");
    assertThat(container(r.speaker()).getImage()).isEqualTo("quay.io/metallb-java/speaker:0.1.0");
    assertThat(r.controller().getSpec().getTemplate().getSpec().getPriorityClassName()).isEqualTo("system-cluster-critical");
    assertThat(container(r.controller()).getResources().getLimits().get("memory").toString()).isEqualTo("256Mi");
    assertThat(r.controller().getSpec().getTemplate().getSpec().getNodeSelector()).containsEntry("tier", "infra").containsEntry("kubernetes.io/os", "linux");
    assertThat(container(r.controller()).getArgs()).contains("--log-level=debug");
    assertThat(r.speaker().getMetadata().getName()).isEqualTo("lb-speaker");
    assertThat(r.speaker().getSpec().getTemplate().getSpec().getTolerations()).isNullOrEmpty();
    assertThat(container(r.speaker()).getLivenessProbe()).isNull();
    assertThat(env(container(r.speaker()))).containsEntry("METALLB_ML_BIND_ADDR", "192.0.2.1").containsEntry("METALLB_ML_BIND_PORT", "7947");
    assertThat(env(container(r.controller()))).containsEntry("METALLB_ML_SECRET_NAME", "lb-memberlist");
    assertThat(r.kinds()).doesNotContain("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "CustomResourceDefinition",
        "ValidatingWebhookConfiguration", "ConfigMap");
  }

  @Test
  void prometheusOptionsRenderMonitorsAndMetalLbsAlerts() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("prometheus.podMonitor.enabled", true);
    values.put("prometheus.serviceMonitor.enabled", true);
    values.put("prometheus.prometheusRule.enabled", true);
    values.put("prometheus.prometheusRule.addressPoolExhausted.excludePools", "test-.*");
    values.put("prometheus.scrapeAnnotations", true);
    assertThatThrownBy(() -> CHART.render(values)).hasMessageContaining("prometheus.rbacPrometheus needs prometheus.serviceAccount");
    values.put("prometheus.serviceAccount", "prometheus-k8s");
    values.put("prometheus.namespace", "monitoring");
    Rendered r = render(values);
    assertThat(r.kinds()).contains("PodMonitor", "ServiceMonitor", "PrometheusRule");
    RoleBinding prometheus = (RoleBinding) r.find("RoleBinding", "metallb-prometheus").orElseThrow();
    assertThat(prometheus.getSubjects()).singleElement().satisfies(s -> {
      assertThat(s.getName()).isEqualTo("prometheus-k8s");
      assertThat(s.getNamespace()).isEqualTo("monitoring");
    });
    assertThat(r.find("PodMonitor", "metallb-controller").orElseThrow().getMetadata().getNamespace()).isEqualTo("monitoring");
    GenericKubernetesResource podMonitor = (GenericKubernetesResource) r.find("PodMonitor", "metallb-speaker").orElseThrow();
    Map<String, Object> endpoint = podMonitor.get("spec", "podMetricsEndpoints", 0);
    assertThat(endpoint).containsEntry("scheme", "https").containsEntry("port", "metricshttps")
        .containsEntry("bearerTokenFile", "/var/run/secrets/kubernetes.io/serviceaccount/token")
        .containsEntry("tlsConfig", Map.of("insecureSkipVerify", true));
    ClusterRole reader = (ClusterRole) r.find("ClusterRole", "metallb:metrics-reader").orElseThrow();
    assertThat(reader.getRules()).singleElement().satisfies(rule -> {
      assertThat(rule.getNonResourceURLs()).containsExactly("/metrics");
      assertThat(rule.getVerbs()).containsExactly("get");
    });
    assertThat(r.all(GenericKubernetesResource.class)).filteredOn(o -> o.getKind().equals("PodMonitor")).hasSize(2);
    GenericKubernetesResource rule = r.all(GenericKubernetesResource.class).stream().filter(o -> o.getKind().equals("PrometheusRule")).findFirst().orElseThrow();
    List<Map<String, Object>> rules = rule.get("spec", "groups", 0, "rules");
    assertThat(rules).extracting(m -> m.get("alert")).containsExactly("MetalLBStaleConfig", "MetalLBConfigNotLoaded",
        "MetalLBAddressPoolExhausted", "MetalLBAddressPoolUsage75Percent", "MetalLBAddressPoolUsage85Percent",
        "MetalLBAddressPoolUsage95Percent", "MetalLBBGPSessionDown");
    assertThat(rules).extracting(m -> (String) m.get("expr")).anySatisfy(e -> assertThat(e)
        .isEqualTo("metallb_allocator_addresses_in_use_total{pool!~\"test-.*\"} >= on(pool) metallb_allocator_addresses_total"));
    assertThat(r.controller().getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/port", "9120");
  }

  @Test
  void bgpTypeFollowsMetalLbsValuesAndNoFrrIsDeployed() {
    Rendered frrK8s = render(Map.of());
    Rendered nativeMode = render(Map.of("frrk8s.enabled", false));
    Rendered frr = render(Map.of("frrk8s.enabled", false, "speaker.frr.enabled", true));
    Rendered external = render(Map.of("frrk8s.enabled", false, "frrk8s.external", true, "frrk8s.namespace", "frr-k8s-system"));
    for (Rendered r : List.of(frrK8s, nativeMode, frr, external)) {
      assertThat(env(container(r.speaker())).get("METALLB_BGP_TYPE")).isEqualTo(env(container(r.controller())).get("METALLB_BGP_TYPE"));
      assertThat(r.speaker().getSpec().getTemplate().getSpec().getContainers()).extracting(Container::getName).containsExactly("speaker");
      assertThat(r.speaker().getSpec().getTemplate().getSpec().getInitContainers()).isNullOrEmpty();
    }
    assertThat(env(container(frrK8s.speaker()))).containsEntry("METALLB_BGP_TYPE", "frr-k8s");
    assertThat(env(container(nativeMode.speaker()))).doesNotContainKey("METALLB_BGP_TYPE");
    assertThat(env(container(frr.speaker()))).containsEntry("METALLB_BGP_TYPE", "frr");
    assertThat(env(container(external.speaker()))).containsEntry("METALLB_BGP_TYPE", "frr-k8s");
    // The FRR images, ports and resources change nothing: there is no FRR container.
    Map<String, Object> frrExtras = new LinkedHashMap<>(Map.of("frrk8s.enabled", false, "speaker.frr.enabled", true));
    frrExtras.put("speaker.frr.image.tag", "9.1.0");
    frrExtras.put("speaker.frr.metricsPort", 7473);
    frrExtras.put("speaker.reloader.resources.limits.cpu", "1");
    frrExtras.put("speaker.bgpDebounceTimeout", 5000);
    assertThat(render(frrExtras).objects()).isEqualTo(frr.objects());
  }

  @Test
  void refusesWhatMetalLbRefuses() {
    assertThatThrownBy(() -> CHART.render(Map.of("speaker.nodeSelector.zone", "a", "speaker.memberlist.enabled", false)))
        .hasMessageContaining("nodeSelector must be empty when memberlist is disabled");
    assertThatThrownBy(() -> CHART.render(Map.of("configInline.peers", "x")))
        .hasMessageContaining("configInline is no longer supported");
    assertThatThrownBy(() -> CHART.render(Map.of("controller.webhookMode", "sometimes")))
        .hasMessageContaining("/controller/webhookMode").hasMessageContaining("value must be one of");
    assertThatThrownBy(() -> CHART.render(Map.of("speaker.bgpDebounceTimeout", 0)))
        .hasMessageContaining("/speaker/bgpDebounceTimeout").hasMessageContaining("minimum");
    assertThatThrownBy(() -> CHART.render(Map.of("controller.logLevel", "verbose")))
        .hasMessageContaining("/controller/logLevel");
  }

  static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
  }
}
