package io.metallb.k8s;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The {@code metallb_k8s_client_*} metrics both binaries export (spec §13.2), with MetalLB's names.
 * Thread-safe.
 */
public final class K8sClientMetrics {
  public final Counter updates;
  public final Counter updateErrors;
  public final Gauge configLoaded;
  public final Gauge configStale;

  public K8sClientMetrics(PrometheusRegistry registry) {
    updates = Counter.builder().name("metallb_k8s_client_updates_total").help("Number of k8s object updates that have been processed.").register(registry);
    updateErrors = Counter.builder().name("metallb_k8s_client_update_errors_total").help("Number of k8s object updates that failed for some reason.").register(registry);
    configLoaded = Gauge.builder().name("metallb_k8s_client_config_loaded_bool").help("1 if the MetalLB configuration was successfully loaded at least once.").register(registry);
    configStale = Gauge.builder().name("metallb_k8s_client_config_stale_bool").help("1 if running on a stale configuration, because the latest config failed to load.").register(registry);
  }

  /** A configuration was accepted. */
  public void loaded() {
    configLoaded.set(1);
    configStale.set(0);
  }

  /** The latest configuration was refused; the last good one stays. */
  public void stale() {
    configStale.set(1);
    updateErrors.inc();
  }
}
