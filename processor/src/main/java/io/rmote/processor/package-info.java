/**
 * The annotation processor for {@code @RemoteTool} interfaces, run by javac: it reads each
 * interface and its Python source, checks one against the other, and generates a proxy and codecs.
 * Its stages are packages of their own: {@code source} (scan the Python), {@code model} (read the
 * Java), {@code validate} (compare), {@code generate} (write code), {@code report} (diagnostics).
 * Not API: only javac calls it.
 */
package io.rmote.processor;
