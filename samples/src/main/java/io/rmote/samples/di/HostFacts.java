package io.rmote.samples.di;

import io.rmote.annotations.RemoteTool;

/** Facts about the host ({@code tools/host_facts.py}); the processor generates its proxy. */
@RemoteTool(source = "tools/host_facts.py")
public interface HostFacts {
  /** The host's name, as Python's {@code socket.gethostname()} gives it. */
  String hostname();

  /** The interpreter's version, such as {@code 3.11.2}. */
  String pythonVersion();

  /** The interpreter's process id on the host. */
  long pid();
}
