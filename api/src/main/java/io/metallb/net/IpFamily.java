package io.metallb.net;

/** An IP address family. */
public enum IpFamily {
  IPV4,
  IPV6;

  /** The Kubernetes spelling ({@code IPv4}/{@code IPv6}). */
  public String kubernetesName() {
    return this == IPV4 ? "IPv4" : "IPv6";
  }
}
