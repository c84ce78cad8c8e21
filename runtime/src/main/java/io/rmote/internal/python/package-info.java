/**
 * Not API: the one list that maps Python exception names to the classes of {@code io.rmote.python}.
 */
package io.rmote.internal.python;
