package io.rmote.ssh;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.Proxy;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SocketFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * OpenSSH's ProxyJump for JSch: the next hop's SSH connection runs over a {@code direct-tcpip}
 * channel of the previous hop's session instead of a socket, so chains need nothing but the
 * sessions themselves (no local ports, no {@code ssh -W} process).
 */
final class JumpProxy implements Proxy {
  private final Session via;
  private Channel channel;
  private InputStream in;
  private OutputStream out;

  JumpProxy(Session via) {
    this.via = via;
  }

  @Override
  public void connect(SocketFactory socketFactory, String host, int port, int timeout)
      throws Exception {
    channel = via.getStreamForwarder(host, port);
    in = channel.getInputStream();
    out = channel.getOutputStream();
    channel.connect(timeout);
  }

  @Override
  public InputStream getInputStream() {
    return in;
  }

  @Override
  public OutputStream getOutputStream() {
    return out;
  }

  @Override
  public Socket getSocket() {
    return null;
  }

  @Override
  public void close() {
    if (channel != null) channel.disconnect();
  }
}
