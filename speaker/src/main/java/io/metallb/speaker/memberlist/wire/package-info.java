/**
 * memberlist's wire format (hashicorp/memberlist {@code net.go}, {@code security.go},
 * {@code util.go}, {@code label.go}): immutable message records and pure codecs. Type codes are
 * append only — values are part of the wire protocol. Malformed input yields a
 * {@link io.metallb.speaker.memberlist.wire.DropReason}, never an unchecked exception.
 */
package io.metallb.speaker.memberlist.wire;
