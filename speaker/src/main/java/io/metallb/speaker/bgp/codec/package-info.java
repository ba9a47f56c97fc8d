/**
 * Bytes to messages and back. {@link io.metallb.speaker.bgp.codec.BgpMessageReader} and
 * {@link io.metallb.speaker.bgp.codec.BgpMessageWriter} are pure (Netty buffers, no channels);
 * malformed input becomes {@link io.metallb.speaker.bgp.codec.Decoded.Malformed} with the
 * NOTIFICATION RFC 4271 §6 prescribes, never an exception.
 * {@link io.metallb.speaker.bgp.codec.BgpFrameDecoder} and
 * {@link io.metallb.speaker.bgp.codec.BgpMessageEncoder} adapt them to a Netty pipeline.
 */
package io.metallb.speaker.bgp.codec;
