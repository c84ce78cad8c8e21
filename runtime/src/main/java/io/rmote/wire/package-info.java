/**
 * How Java values map to Python values on the wire: {@link io.rmote.wire.ValueCodec} and the
 * built-in codecs of {@link io.rmote.wire.Codecs}. The format itself is in {@code
 * docs/wire-format.md}; its frames and tags are internal.
 */
package io.rmote.wire;
