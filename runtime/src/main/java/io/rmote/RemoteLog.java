package io.rmote;

import com.esotericsoftware.kryo.io.Input;
import io.rmote.internal.wire.Wire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Forwards the remote's Python log records (LOG frames) to SLF4J: logger {@code rmote.remote.} plus
 * the Python logger's name, the level mapped from Python's numbers, the connection's name in the
 * MDC key {@code rmote.host}.
 */
final class RemoteLog {
  private static final String MDC_HOST = "rmote.host";

  static void forward(String host, Input body) {
    String logger = Wire.readStr(body);
    int level = Wire.readInt(body);
    String message = Wire.readStr(body);
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
