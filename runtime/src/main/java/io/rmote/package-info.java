/**
 * rmote's client API: {@link io.rmote.Remote} (one connection to a remote Python interpreter,
 * opened by {@code Remote.local()}, {@code Remote.ssh(target)}, {@code Remote.command(...)} or
 * {@code Remote.builder()}), {@link io.rmote.Fleet} (many hosts at once), the values that describe
 * a call ({@link io.rmote.ToolDescriptor}, {@link io.rmote.Call}, {@link io.rmote.Become}) or come
 * back from one ({@link io.rmote.Result}, {@link io.rmote.PyRecord}, {@link
 * io.rmote.CompletedProcess}, ...), and rmote's own exceptions, all under {@link
 * io.rmote.RmoteException}. Python's exceptions are in {@link io.rmote.python}.
 */
package io.rmote;
