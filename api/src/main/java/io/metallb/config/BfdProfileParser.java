package io.metallb.config;

import io.metallb.api.v1beta1.BFDProfile;
import io.metallb.api.v1beta1.BFDProfileSpec;

/** MetalLB's {@code bfdProfileFromCR} (spec §3.6): range checks with MetalLB's joined messages. */
final class BfdProfileParser {
  private BfdProfileParser() {}

  static BfdProfile parse(BFDProfile cr) throws ParseFailure {
    String name = ConfigParser.name(cr);
    if (name.isEmpty()) {
      throw new ParseFailure("metadata.name", "missing bfd profile name");
    }
    BFDProfileSpec s = cr.getSpec() == null ? new BFDProfileSpec(null, null, null, null, null, null, null) : cr.getSpec();
    check(s.detectMultiplier(), 2, 255, "detectMultiplier", "invalid detect multiplier value");
    check(s.receiveInterval(), 10, 60000, "receiveInterval", "invalid receive interval value");
    check(s.transmitInterval(), 10, 60000, "transmitInterval", "invalid transmit interval value");
    check(s.minimumTtl(), 1, 254, "minimumTtl", "invalid minimum ttl value");
    check(s.echoInterval(), 10, 60000, "echoInterval", "invalid echo interval value");
    return new BfdProfile(
        name, s.receiveInterval(), s.transmitInterval(), s.detectMultiplier(), s.echoInterval(),
        Boolean.TRUE.equals(s.echoMode()), Boolean.TRUE.equals(s.passiveMode()), s.minimumTtl());
  }

  private static void check(Long value, long min, long max, String field, String what) throws ParseFailure {
    if (value != null && (value < min || value > max)) {
      throw new ParseFailure("spec." + field, "invalid value " + value + ", must be in " + min + "-" + max + " range").joined(what);
    }
  }
}
