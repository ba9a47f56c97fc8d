package io.metallb.speaker.bfd;

/**
 * A session left {@code from} for {@code to}.
 *
 * @param from the state before
 * @param to the state after
 * @param diagnostic our new bfd.LocalDiag: why
 * @param remoteAdminDown whether the peer caused it by signalling AdminDown
 */
public record StateChange(SessionState from, SessionState to, Diagnostic diagnostic, boolean remoteAdminDown) {
  /**
   * Whether clients should treat this as a path failure and take their sessions down (RFC 5882
   * §3.2, §4.3): Up to Down, unless the peer went AdminDown on purpose. FRR's bgpd resets the BGP
   * session on exactly these.
   */
  public boolean signalsFailure() {
    return from == SessionState.UP && to == SessionState.DOWN && !remoteAdminDown;
  }
}
