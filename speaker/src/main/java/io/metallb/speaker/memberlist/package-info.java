/**
 * Speaker membership: a gossip member wire-compatible with hashicorp/memberlist (protocol versions
 * 1–5, speaking 2 like memberlist's defaults; encryption versions 0 and 1), so Java speakers and
 * Go MetalLB speakers form one cluster (spec §8.5, §19.3).
 *
 * <h2>For the speaker's main</h2>
 *
 * <pre>{@code
 * // memberlist is on only when --ml-bindaddr and --ml-labels are set (spec §8.5)
 * UsableSpeakers usable;
 * Memberlist list = null;
 * if (enabled) {
 *   MemberlistConfig config = configFileExists
 *       ? MemberlistConfigFile.parse(Files.readString(configFile))        // fatal on error
 *       : wanFlag ? MemberlistConfig.wan() : MemberlistConfig.lan();
 *   var options = new Memberlist.Options(nodeName, new InetSocketAddress(bindAddr, bindPort),
 *       Optional.empty(), config, Optional.empty(), "");
 *   if (secretFile exists) options = options.withKey(Keyring.metallbKey(Files.readString(secretPath)));
 *   list = Memberlist.start(options, null);
 *   usable = list.usableSpeakers();
 *   usable.onChange(() -> controller.forceResync());   // "node event - forcing sync"
 *   // every minute and on rejoin requests: list.join(podIPs not already members, port 7946)
 *   // on SIGTERM: list.leave(Duration.ofSeconds(…)).join(); list.close();
 * } else {
 *   usable = UsableSpeakers.disabled();                 // every node counts as alive
 * }
 * election: usable.isUsable(node)
 * }</pre>
 *
 * <h2>Layout</h2>
 *
 * <ul>
 *   <li>{@code core}: the pure sans-I/O {@link io.metallb.speaker.memberlist.core.SwimNode}
 *       (probing, Lifeguard suspicion and awareness, gossip queue, refutation, push-pull, join,
 *       leave), presets (LAN, WAN, local, fast), and the math. No threads, sockets or clocks.
 *   <li>{@code wire}: message records and codecs, byte-compatible with memberlist (golden-tested
 *       against bytes written by memberlist 0.2.2): msgpack bodies, compound, CRC, labels, LZW
 *       compression, AES-GCM encryption and MetalLB's key derivation.
 *   <li>{@code transport}: Netty UDP and TCP on one event loop that also runs the core.
 *   <li>this package: the {@link io.metallb.speaker.memberlist.Memberlist} facade, the
 *       {@link io.metallb.speaker.memberlist.UsableSpeakers} view, the config file reader, and
 *       {@link io.metallb.speaker.memberlist.MemberlistNodeMain}, a stand-alone member with the lab
 *       Go agent's command line.
 * </ul>
 *
 * <p>Thread-safety: the facade is thread-safe; listeners run on its event loop and must not
 * block.
 */
package io.metallb.speaker.memberlist;
