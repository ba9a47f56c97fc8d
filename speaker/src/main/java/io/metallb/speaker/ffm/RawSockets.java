package io.metallb.speaker.ffm;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether raw link-layer sockets can work here, checked once: Linux on x86_64, native access
 * enabled for this code, and CAP_NET_RAW (probed by opening a socket on the loopback interface).
 */
public final class RawSockets {
  private static volatile Optional<String> cause;

  private RawSockets() {}

  public static boolean isAvailable() {
    return unavailabilityCause().isEmpty();
  }

  /** Why raw sockets cannot be used, in words that name what is missing. */
  public static synchronized Optional<String> unavailabilityCause() {
    if (cause == null) {
      cause = probe();
    }
    return cause;
  }

  /** Throws, naming what is missing, unless raw sockets are available. */
  public static void ensureAvailable() throws IOException {
    Optional<String> c = platformCause();
    if (c.isPresent()) {
      throw new IOException(c.get());
    }
  }

  private static Optional<String> platformCause() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux")) {
      return Optional.of("raw sockets need Linux, this is " + System.getProperty("os.name"));
    }
    String arch = System.getProperty("os.arch", "");
    if (!arch.equals("amd64") && !arch.equals("x86_64")) {
      return Optional.of("raw socket bindings are written for x86_64, this is " + arch);
    }
    Module module = RawSockets.class.getModule();
    if (!module.isNativeAccessEnabled()) {
      return Optional.of("native access is not enabled: run java with --enable-native-access=" + (module.isNamed() ? module.getName() : "ALL-UNNAMED"));
    }
    return Optional.empty();
  }

  private static Optional<String> probe() {
    Optional<String> platform = platformCause();
    if (platform.isPresent()) {
      return platform;
    }
    try {
      RawSocket.open("lo", 0x0806).close();
      return Optional.empty();
    } catch (NativeIoException e) {
      return Optional.of(e.notPermitted() ? "no CAP_NET_RAW: raw sockets need the NET_RAW capability (or root)" : e.getMessage());
    } catch (IOException e) {
      return Optional.of(e.getMessage());
    }
  }
}
