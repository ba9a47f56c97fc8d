package io.metallb.speaker.memberlist.wire;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How a node frames its packets and streams.
 *
 * @param keyring the keys, or empty for plaintext gossip (memberlist {@code Keyring}/{@code SecretKey})
 * @param protocolVersion the protocol version spoken (1–5); 1 selects encryption version 0
 * @param label the cluster label (memberlist ≥ 0.3 {@code Label}); empty: none, as 0.2.2 and MetalLB
 * @param compression compress packets and streams with LZW ({@code EnableCompression})
 * @param verifyIncoming refuse plaintext when a keyring is set ({@code GossipVerifyIncoming})
 * @param verifyOutgoing encrypt when a keyring is set ({@code GossipVerifyOutgoing})
 * @param nonces where encryption nonces come from; a {@link SecureRandom} outside tests
 */
public record WireOptions(Optional<Keyring> keyring, int protocolVersion, String label, boolean compression,
    boolean verifyIncoming, boolean verifyOutgoing, RandomGenerator nonces) {
  /** Validates the label length (one length byte on the wire) and the version. */
  public WireOptions {
    Objects.requireNonNull(keyring);
    Objects.requireNonNull(label);
    Objects.requireNonNull(nonces);
    if (label.getBytes(StandardCharsets.UTF_8).length > 255) {
      throw new IllegalArgumentException("label is longer than 255 bytes");
    }
    if (protocolVersion < ProtocolVersions.PROTOCOL_VERSION_MIN || protocolVersion > ProtocolVersions.PROTOCOL_VERSION_MAX) {
      throw new IllegalArgumentException("protocol version must be 1–5, not " + protocolVersion);
    }
  }

  /** Plaintext, compressed, protocol version 2, no label: memberlist's LAN defaults without a key. */
  public static WireOptions plaintext() {
    return new WireOptions(Optional.empty(), ProtocolVersions.PROTOCOL_VERSION_2_COMPATIBLE, "", true, true, true,
        new SecureRandom());
  }

  /** These options with {@code keyring}. */
  public WireOptions withKeyring(Keyring ring) {
    return new WireOptions(Optional.of(ring), protocolVersion, label, compression, verifyIncoming, verifyOutgoing,
        nonces);
  }

  /** These options with compression on or off. */
  public WireOptions withCompression(boolean on) {
    return new WireOptions(keyring, protocolVersion, label, on, verifyIncoming, verifyOutgoing, nonces);
  }

  /** These options with another label. */
  public WireOptions withLabel(String newLabel) {
    return new WireOptions(keyring, protocolVersion, newLabel, compression, verifyIncoming, verifyOutgoing, nonces);
  }

  /** These options with another nonce source (tests: a seeded generator for golden bytes). */
  public WireOptions withNonces(RandomGenerator source) {
    return new WireOptions(keyring, protocolVersion, label, compression, verifyIncoming, verifyOutgoing, source);
  }

  /** True when outgoing traffic is encrypted. */
  public boolean encryptsOutgoing() {
    return keyring.isPresent() && verifyOutgoing;
  }

  /** The encryption version this protocol version uses. */
  public int encryptionVersion() {
    return Encryption.versionFor(protocolVersion);
  }

  byte[] labelBytes() {
    return label.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The bytes framing adds to a packet beyond its messages, for piggyback budgets: label header
   * and encryption overhead (memberlist {@code labelOverhead} + {@code encryptOverhead}).
   */
  public int packetOverhead() {
    int labelOverhead = label.isEmpty() ? 0 : 2 + labelBytes().length;
    return labelOverhead + (encryptsOutgoing() ? Encryption.overhead(encryptionVersion()) : 0);
  }
}
