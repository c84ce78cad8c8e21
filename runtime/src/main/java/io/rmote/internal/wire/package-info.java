/**
 * Not API: the frame protocol (frame kinds, headers), the value tags, and the helpers generated
 * codecs call. Described in {@code docs/protocol.md} and {@code docs/wire-format.md}.
 */
package io.rmote.internal.wire;
