/**
 * The speaker's BGP engine (spec §8.9–§8.10, §10, §11.4, §13.2; RFC 4271, 4760, 6793, 1997, 8092,
 * 2918, 4724, 2385, 8950, 4861): one outbound, announce-only session per BGPPeer, IPv4 and IPv6.
 *
 * <h2>Public API for the speaker glue</h2>
 * <ol>
 *   <li>Per Service: {@link io.metallb.speaker.bgp.Advertisements#forService} turns the Service's
 *       LoadBalancer IPs and the {@link io.metallb.config.BgpAdvertisement}s that select this node
 *       and Service (node selectors, service selectors and {@code externalTrafficPolicy: Local}
 *       endpoint checks are the caller's, spec §8.9 {@code ShouldAnnounce}) into
 *       {@link io.metallb.speaker.bgp.Advertisement}s: the IP masked to
 *       {@code aggregationLength}/{@code aggregationLengthV6}, LOCAL_PREF, standard and large
 *       communities, the {@code peers} filter.</li>
 *   <li>Node-wide: {@link io.metallb.speaker.bgp.netty.BgpSpeaker#create} once; then
 *       {@link io.metallb.speaker.bgp.netty.BgpSpeaker#setPeers} with the parsed
 *       {@link io.metallb.config.Peer}s whose node selectors match this node (a peer changed in any
 *       field gets a new session), and {@link io.metallb.speaker.bgp.netty.BgpSpeaker#setAdvertisements}
 *       with the concatenation of every announcing Service's advertisements (an empty list
 *       withdraws everything). Each session gets the ads whose {@code peers} is empty or names its
 *       peer, duplicates merged (spec §10.10); changes go out at once.</li>
 *   <li>For ServiceBGPStatus (spec §8.10):
 *       {@link io.metallb.speaker.bgp.netty.BgpSpeaker#publishedPrefixes} gives, per peer name,
 *       the prefixes published to it; a Service's status peers are those holding one of its
 *       prefixes.</li>
 *   <li>Metrics: pass a {@link io.metallb.speaker.bgp.BgpMetrics}; names and the {@code peer}
 *       label follow spec §13.2. {@link io.metallb.speaker.bgp.InMemoryBgpMetrics} keeps values
 *       until a metrics library is on the class path.</li>
 *   <li>Shutdown: {@link io.metallb.speaker.bgp.netty.BgpSpeaker#close()} closes without
 *       NOTIFICATION, so graceful-restart routers keep our routes; start the next process with
 *       {@code restarted = true} to set the R bit.</li>
 * </ol>
 *
 * <h2>Behaviour beyond MetalLB's native mode</h2>
 * Hold and keepalive timers are enforced both ways (a silent peer is dropped with NOTIFICATION
 * 4/0); IPv6 peers and prefixes (MP_REACH/MP_UNREACH); LARGE_COMMUNITIES; prefixes sharing
 * attributes share one UPDATE; route refresh; graceful restart (RFC 4724) with End-of-RIB;
 * {@code connectTime} as the fixed retry interval (else 1 s doubling to 120 s); TTL 1 for
 * directly connected eBGP and 255 with {@code ebgpMultiHop}; LOCAL_PREF 100 to iBGP peers when the
 * advertisement sets none. Kept from MetalLB: hold time 90 s by default, the v1beta1 zero hold
 * time (no keepalives), router ID selection (§10.8), next hop = the session's local address, no
 * listening socket. A session carries the families whose next hop it has: IPv4 prefixes over an
 * IPv4 session, IPv6 prefixes over an IPv6 session.
 *
 * <p>Unnumbered peers ({@code interface}, FRR modes), as FRR's {@code neighbor IF interface}: we
 * send Router Advertisements (lifetime 0) on the interface and learn the router's link-local
 * address from its own ({@link io.metallb.speaker.bgp.netty.RouterAdvertiser}), dial it scoped to
 * the interface, offer the extended next hop capability for IPv4 unicast over IPv6 (RFC 8950),
 * and send both families in MP_REACH_NLRI with our link-local address as the (16-byte) next hop;
 * IPv4 withdrawals use the classic withdrawn routes field. BFD is not run for unnumbered peers.
 *
 * <h2>Packages</h2>
 * {@code message} (immutable records), {@code codec} (pure reader/writer plus two Netty adapters),
 * {@code fsm} (pure RFC 4271 §8 machine), this package (pure planning: advertisements, Adj-RIB-Out,
 * router IDs), {@code netty} (the I/O shell). The pure ones read no clock and start no thread
 * ({@code BgpArchitectureTest}).
 */
package io.metallb.speaker.bgp;
