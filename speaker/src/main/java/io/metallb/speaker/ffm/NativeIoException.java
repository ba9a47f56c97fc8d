package io.metallb.speaker.ffm;

import java.io.IOException;

/** A failed libc call: the operation and its errno. */
public final class NativeIoException extends IOException {
  private final int errno;

  NativeIoException(String operation, int errno) {
    super(operation + " failed: errno " + errno + describe(errno));
    this.errno = errno;
  }

  public int errno() {
    return errno;
  }

  /** True when the call lacked a privilege (EPERM, EACCES): no CAP_NET_RAW. */
  public boolean notPermitted() {
    return errno == LibcBindings.EPERM || errno == LibcBindings.EACCES;
  }

  private static String describe(int errno) {
    return switch (errno) {
      case LibcBindings.EPERM -> " (operation not permitted: CAP_NET_RAW is needed)";
      case LibcBindings.EACCES -> " (permission denied: CAP_NET_RAW is needed)";
      case LibcBindings.ENODEV -> " (no such device)";
      default -> "";
    };
  }
}
