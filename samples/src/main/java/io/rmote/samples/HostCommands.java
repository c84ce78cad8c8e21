package io.rmote.samples;

import io.rmote.annotations.RemoteTool;

// [tool]
/** Programs run on the remote through {@code process()} ({@code tools/host_commands.py}). */
@RemoteTool(source = "tools/host_commands.py")
public interface HostCommands {
  /** {@code uname -sr}, its output captured. */
  String kernel();

  /** A child that writes to stdout and stderr and reads stdin; its exit status. */
  int noisy();

  /** {@code wc -w} with {@code text} on its stdin. */
  int wordCount(String text);
}
// [/tool]
