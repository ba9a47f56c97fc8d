/**
 * BGP-4 messages as immutable records in sealed hierarchies (RFC 4271 §4 and the extensions the
 * speaker uses). Wire codes are explicit and append-only. No buffers, no I/O.
 */
package io.metallb.speaker.bgp.message;
