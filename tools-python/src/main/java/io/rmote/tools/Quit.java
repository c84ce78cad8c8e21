package io.rmote.tools;

import io.rmote.annotations.RemoteTool;

/**
 * The built-in {@code Quit} tool ({@code tools/quit.py}), typed: {@code
 * remote.tool(Quit.class).exit(0)} ends the remote process.
 *
 * <p>{@link #exit(int)} returns once the remote has acknowledged. Before it exits, the remote stops
 * reading calls, lets the synchronous calls already under way finish and answer, and flushes its
 * log records. Calls that it had not started, coroutine calls, and every call made after {@code
 * exit} returns, fail with {@link io.rmote.RemoteQuitException}, which names the host and the exit
 * status; {@link io.rmote.Remote#isOpen()} is then false. {@link io.rmote.Remote#close()} is still
 * needed to release the connection's threads, and is quick.
 *
 * <p>A call under way that never ends holds the exit up, and {@code exit} with it until the call
 * timeout (the connection's, or the one given to {@code new QuitProxy(remote, timeout)}) fails it
 * with {@link io.rmote.CallTimeoutException}; {@link io.rmote.Remote#close()} then stops the
 * process.
 *
 * <p>How it differs from the Python library's {@code Quit}: its {@code exit} calls {@code sys.exit}
 * inside the event loop, which dies without answering, so the caller sees a lost connection; ours
 * answers first.
 */
@RemoteTool(source = "tools/quit.py", requiresPython = "3.6")
public interface Quit {

  /** Ends the remote with exit status 0: Python {@code Quit.exit()}. */
  void exit();

  /**
   * Ends the remote with exit status {@code code}: Python {@code Quit.exit(code)}.
   *
   * @param code the exit status, 0 to 255
   * @throws io.rmote.python.ValueError if {@code code} is outside 0 to 255; the remote goes on
   */
  void exit(int code);
}
