package io.rmote.ssh;

import com.jcraft.jsch.Proxy;
import com.jcraft.jsch.SocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenSSH's ProxyCommand for JSch: the SSH connection runs over the stdin and stdout of a local
 * command ({@code /bin/sh -c COMMAND}, as ssh(1) runs it), such as {@code ssh -W %h:%p bastion}.
 * Its stderr goes to the log; closing the connection ends the command.
 */
final class CommandProxy implements Proxy {
  private static final Logger LOG = LoggerFactory.getLogger(CommandProxy.class);

  private final String command;
  private Process process;

  CommandProxy(String command) {
    this.command = command;
  }

  @Override
  public void connect(SocketFactory socketFactory, String host, int port, int timeout)
      throws IOException {
    process = new ProcessBuilder("/bin/sh", "-c", command).start();
    Process p = process;
    Thread errors =
        new Thread(
            () -> {
              try (InputStream err = p.getErrorStream()) {
                byte[] all = err.readAllBytes();
                if (all.length > 0)
                  LOG.warn(
                      "ProxyCommand {}: {}",
                      command,
                      new String(all, StandardCharsets.UTF_8).strip());
              } catch (IOException e) {
                // ended with the process
              }
            },
            "rmote-proxycommand-stderr");
    errors.setDaemon(true);
    errors.start();
  }

  @Override
  public InputStream getInputStream() {
    return process.getInputStream();
  }

  @Override
  public OutputStream getOutputStream() {
    return process.getOutputStream();
  }

  @Override
  public Socket getSocket() {
    return null;
  }

  @Override
  public void close() {
    if (process != null) process.destroy();
  }
}
