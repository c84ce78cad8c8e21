package io.rmote.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's names, as the samples print them. */
final class SamplesTestSupport {
  private SamplesTestSupport() {}

  /** Python's {@code socket.gethostname()}. */
  static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code /etc/hostname}, stripped. */
  static String etcHostname() {
    try {
      return Files.readString(Path.of("/etc/hostname")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
