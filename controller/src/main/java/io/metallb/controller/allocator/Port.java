package io.metallb.controller.allocator;

/** A (protocol, port) a Service uses; two Services sharing an IP may not use the same one. */
public record Port(String protocol, int port) {
  /** {@code TCP/80}, as MetalLB prints ports. */
  @Override
  public String toString() {
    return protocol + "/" + port;
  }
}
