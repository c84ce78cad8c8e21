package io.rmote.ssh;

import com.jcraft.jsch.JSchException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * What a failed SSH handshake means, from JSch's exception: a refused host key, a failed
 * authentication, an address that cannot be reached (the next is tried), a server that closed the
 * connection early (tried again), a timeout, or a jump host that would not forward.
 */
final class HandshakeErrors {
  private HandshakeErrors() {}

  /**
   * @param late the handshake's deadline passed
   * @param jumped the hop is reached through a jump host
   * @param socket the direct connection's socket, or {@code null}
   * @param name the connection's name in messages
   */
  static RuntimeException translate(
      JSchException e,
      SshLauncher.Hop hop,
      KnownHostsRepository hostKeys,
      Identities.Offered offered,
      boolean late,
      boolean jumped,
      Socket socket,
      String name) {
    String where = hop.describe();
    String msg = String.valueOf(e.getMessage());
    if (hostKeys.refused()
        || e instanceof com.jcraft.jsch.JSchHostKeyException
        || msg.startsWith("UnknownHostKey")
        || msg.startsWith("HostKey has been changed")) {
      return hostKeys.refusal(name, e);
    }
    if (msg.startsWith("Auth fail") || msg.startsWith("Auth cancel")) {
      return new AuthenticationException(
          "authentication as "
              + hop.user
              + " at "
              + hop.hostname
              + ":"
              + hop.port
              + " failed: the server accepted none of "
              + offered.describe(),
          name,
          null);
    }
    Throwable c = e.getCause();
    if (c instanceof UnknownHostException) {
      return new SshException("unknown host " + hop.hostname, name, e);
    }
    boolean connected = socket != null && socket.isConnected();
    if (!jumped
        && !connected
        && (c instanceof ConnectException
            || c instanceof NoRouteToHostException
            || c instanceof SocketTimeoutException
            || c instanceof java.net.SocketException)) {
      String why =
          c instanceof SocketTimeoutException
              ? "timed out after " + hop.connectTimeout.toMillis() + " ms"
              : c.getMessage();
      return new AddressFailure(why, e);
    }
    boolean timedOut =
        late
            || c instanceof SocketTimeoutException
            || msg.contains("timeout")
            || msg.contains("timed out");
    if (!timedOut
        && !jumped
        && connected
        && (c instanceof java.net.SocketException
            || msg.contains("closed by foreign host")
            || msg.contains("End of IO Stream")
            || msg.contains("Connection reset")
            || msg.contains("invalid server's version"))) {
      return new EarlyClose(c != null ? c.getMessage() : msg, e);
    }
    if (timedOut) {
      return new SshException(
          "the SSH connection to "
              + where
              + " timed out (connect timeout "
              + hop.connectTimeout.toMillis()
              + " ms, authentication timeout "
              + hop.options.authTimeout.toMillis()
              + " ms)",
          name,
          e);
    }
    if (jumped
        && (msg.contains("channel is not opened")
            || msg.contains("ChannelOpenFailure")
            || msg.contains("proxy"))) {
      return new SshException(
          "the jump host would not forward to " + hop.hostname + ":" + hop.port + ": " + msg,
          name,
          e);
    }
    return new SshException("the SSH connection to " + where + " failed: " + msg, name, e);
  }

  /** This address could not be reached at all (refused, unreachable, timed out): try the next. */
  static final class AddressFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AddressFailure(String why, Throwable cause) {
      super(why, cause, false, false);
    }
  }

  /** The server took the TCP connection, then closed or reset it before authentication. */
  static final class EarlyClose extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EarlyClose(String why, Throwable cause) {
      super(why, cause, false, false);
    }
  }
}
