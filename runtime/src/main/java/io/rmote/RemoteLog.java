package io.rmote;

import com.esotericsoftware.kryo.io.Input;
import io.rmote.internal.wire.Wire;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Forwards the remote's Python log records (LOG frames) to SLF4J: logger {@code rmote.remote.} plus
 * the Python logger's name, the level mapped from Python's numbers, the connection's name in the
 * MDC key {@code rmote.host}. A record of a call that is still pending is also kept with that call
 * ({@link CallLog}), for the exception it may fail with.
 */
final class RemoteLog {
  private static final String MDC_HOST = "rmote.host";

  /**
   * Logs a LOG body, and keeps it with the call {@code callId} if that call is still pending (0:
   * emitted outside any call).
   */
  static void forward(Channel channel, int callId, Input body) {
    String logger = Wire.readStr(body);
    int level = Wire.readInt(body);
    String message = Wire.readStr(body);
    double created = Double.longBitsToDouble(Wire.readLong(body));
    String thread = Wire.readStr(body);
    PendingCall<?> call = callId == 0 ? null : channel.pendingCall(callId);
    if (call != null) {
      long micros = Math.round(created * 1e6);
      call.logged(
          new RemoteLogRecord(
              level,
              logger,
              message,
              Instant.ofEpochSecond(
                  Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000),
              thread));
    }
    String host = channel.name();
    Logger l = LoggerFactory.getLogger("rmote.remote." + logger);
    MDC.put(MDC_HOST, host);
    try {
      if (level >= 40) l.error(message);
      else if (level >= 30) l.warn(message);
      else if (level >= 20) l.info(message);
      else if (level >= 10) l.debug(message);
      else l.trace(message);
    } finally {
      MDC.remove(MDC_HOST);
    }
  }

  private RemoteLog() {}
}
