package io.rmote;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Blocks a thread until a call's future is done, for {@link Remote#await}: a call of the connection
 * is waited for by spinning and then parking (see {@link PendingCall}), and a failure is rethrown
 * as is, the very exception the future holds.
 */
final class CallWaiter {
  private CallWaiter() {}

  static <T> T await(Channel channel, long spinNanos, CompletableFuture<T> future) {
    if (channel.isReaderThread() && !future.isDone()) throw onReaderThread(channel, future);
    try {
      if (future instanceof PendingCall && ((PendingCall<?>) future).channel == channel) {
        ((PendingCall<?>) future).await(spinNanos);
      } else {
        channel.aboutToWait(); // a future made of this thread's calls (allOf) waits for them too
      }
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) throw (RuntimeException) cause;
      if (cause instanceof Error) throw (Error) cause;
      throw new RmoteException("call failed: " + cause, cause);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for " + what(channel, future));
    }
  }

  /** Why a thread may not wait for a call that is not done on the connection's reader thread. */
  static IllegalStateException onReaderThread(Channel channel, CompletableFuture<?> future) {
    return new IllegalStateException(
        "blocking on "
            + what(channel, future)
            + " on the connection's reader thread would deadlock");
  }

  /** The call a future stands for, in the words of {@link RmoteException#getMessage()}. */
  private static String what(Channel channel, CompletableFuture<?> future) {
    if (!(future instanceof PendingCall)) return "a remote call [host " + channel.name() + "]";
    PendingCall<?> call = (PendingCall<?>) future;
    return "a remote call [host "
        + call.channel.name()
        + ", call "
        + call.tool
        + "."
        + call.method
        + "]";
  }
}
