package io.metallb.speaker.memberlist.core;

import io.metallb.speaker.memberlist.wire.Bytes;
import io.metallb.speaker.memberlist.wire.MemberState;
import io.metallb.speaker.memberlist.wire.ProtocolVersions;
import java.net.InetAddress;
import java.time.Instant;

/**
 * A snapshot of one member as this node sees it. Immutable.
 *
 * @param stateChange when this node last saw its state change
 */
public record Member(String name, InetAddress address, int port, Bytes meta, long incarnation, MemberState state,
    ProtocolVersions versions, Instant stateChange) {
  /** True unless dead or left: MetalLB's "usable speaker" test (alive and suspect count). */
  public boolean usable() {
    return !state.deadOrLeft();
  }
}
