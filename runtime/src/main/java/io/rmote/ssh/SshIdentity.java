package io.rmote.ssh;

import java.nio.file.Path;

/** A private key file and, for an encrypted one, its passphrase. */
final class SshIdentity {
  final Path file;
  final byte[] passphrase;

  SshIdentity(Path file, byte[] passphrase) {
    this.file = file;
    this.passphrase = passphrase;
  }
}
