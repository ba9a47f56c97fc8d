package io.metallb.controller.k8s;

import io.metallb.controller.allocator.Allocator;
import io.metallb.net.IpFamily;
import io.metallb.k8s.K8sClientMetrics;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The controller's MetalLB metrics (spec §13.2), with MetalLB's names and labels. Thread-safe.
 */
public final class ControllerMetrics {
  final PrometheusRegistry registry = new PrometheusRegistry();
  final Gauge addresses = gauge("metallb_allocator_addresses_total", "Number of usable IP addresses, per pool", "pool");
  final Gauge ipv4Addresses = gauge("metallb_allocator_ipv4_addresses_total", "Number of usable IPv4 addresses, per pool", "pool");
  final Gauge ipv6Addresses = gauge("metallb_allocator_ipv6_addresses_total", "Number of usable IPv6 addresses, per pool", "pool");
  final Gauge inUse = gauge("metallb_allocator_addresses_in_use_total", "Number of IP addresses in use, per pool", "pool");
  final Gauge ipv4InUse = gauge("metallb_allocator_ipv4_addresses_in_use_total", "Number of IPv4 addresses in use, per pool", "pool");
  final Gauge ipv6InUse = gauge("metallb_allocator_ipv6_addresses_in_use_total", "Number of IPv6 addresses in use, per pool", "pool");
  /** [QUIRK] Registered and never set, as in MetalLB (spec §18 #18). */
  final Gauge servicesAllocated = gauge("metallb_allocator_services_allocated_total", "Number of services allocated, per pool", "pool");
  final K8sClientMetrics client = new K8sClientMetrics(registry);

  private Gauge gauge(String name, String help, String label) {
    return Gauge.builder().name(name).help(help).labelNames(label).register(registry);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** Sets the allocator gauges of one pool, or removes them when the pool is gone. */
  void pool(Allocator allocator, String pool) {
    if (!allocator.pools().byName().containsKey(pool)) {
      for (Gauge g : new Gauge[] {addresses, ipv4Addresses, ipv6Addresses, inUse, ipv4InUse, ipv6InUse}) {
        g.remove(pool);
      }
      return;
    }
    long[] capacity = allocator.capacityOf(pool);
    addresses.labelValues(pool).set(capacity[0]);
    ipv4Addresses.labelValues(pool).set(capacity[1]);
    ipv6Addresses.labelValues(pool).set(capacity[2]);
    inUse.labelValues(pool).set(allocator.inUse(pool, null));
    ipv4InUse.labelValues(pool).set(allocator.inUse(pool, IpFamily.IPV4));
    ipv6InUse.labelValues(pool).set(allocator.inUse(pool, IpFamily.IPV6));
  }
}
