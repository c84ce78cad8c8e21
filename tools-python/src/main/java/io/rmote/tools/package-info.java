/**
 * The built-in Python tools, as typed interfaces ({@link io.rmote.tools.FileSystem}, {@link
 * io.rmote.tools.Exec}, {@link io.rmote.tools.RemoteLogger}, {@link io.rmote.tools.Quit}) and as
 * descriptors for the dynamic API ({@link io.rmote.tools.BuiltinTools}). Their Python sources ship
 * in this jar under {@code tools/}. {@code FileSystem} shares its simple name with {@code
 * java.nio.file.FileSystem}; in a file that needs both, import ours and qualify the JDK's.
 */
package io.rmote.tools;
