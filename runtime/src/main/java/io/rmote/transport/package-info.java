/**
 * The service-provider interface for starting an interpreter some other way: a {@link
 * io.rmote.transport.Launcher} makes a {@link io.rmote.transport.Transport}, the stdin, stdout and
 * stderr of a started interpreter. {@link io.rmote.transport.ProcessLauncher} is the one for local
 * commands.
 */
package io.rmote.transport;
