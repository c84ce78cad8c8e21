/**
 * Not API: the first stage written to the interpreter's stdin and the compressed runtime it loads.
 */
package io.rmote.internal.bootstrap;
