/**
 * The pure memberlist state machine (SWIM with Lifeguard, as hashicorp/memberlist's
 * {@code state.go}), its configuration presets and formulas. Imports only {@code java.*} and
 * the wire package; time ({@link java.time.InstantSource}), timers
 * ({@link io.metallb.speaker.memberlist.core.Scheduler}), randomness
 * ({@link java.util.random.RandomGenerator}) and I/O
 * ({@link io.metallb.speaker.memberlist.core.Network}) are injected. Single-threaded.
 */
package io.metallb.speaker.memberlist.core;
