/**
 * The pure session state machine of RFC 4271 §8: {@link io.metallb.speaker.bgp.fsm.SessionFsm}
 * maps {@link io.metallb.speaker.bgp.fsm.Event}s to {@link io.metallb.speaker.bgp.fsm.Action}s;
 * timers are actions, so no clock is read. {@link io.metallb.speaker.bgp.fsm.Backoff} spaces
 * connection attempts.
 */
package io.metallb.speaker.bgp.fsm;
