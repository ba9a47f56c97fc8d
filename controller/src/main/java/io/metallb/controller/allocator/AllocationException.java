package io.metallb.controller.allocator;

/** The allocator cannot do what was asked; the message is MetalLB's. */
public final class AllocationException extends Exception {
  public AllocationException(String message) {
    super(message, null, false, false);
  }
}
