/**
 * Not API: the one list that maps Python exception names to the classes of {@code io.rmote.python},
 * and Python's {@code surrogateescape} decoding of process output.
 */
package io.rmote.internal.python;
