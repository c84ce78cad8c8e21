/**
 * Python's exceptions as Java classes, in Python's own hierarchy under {@link
 * io.rmote.python.PythonException}, so {@code catch (OSError e)} works as {@code except OSError}
 * does. The class names are Python's; {@code AssertionError} alone is not mirrored, since {@code
 * java.lang} owns the name, and arrives as a {@code PythonException} whose {@code pythonType()}
 * says {@code builtins.AssertionError}.
 */
package io.rmote.python;
