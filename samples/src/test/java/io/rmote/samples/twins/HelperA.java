package io.rmote.samples.twins;

import io.rmote.annotations.RemoteTool;

/** Class Helper of tools/twin_a/helper.py; a class of the same name lives in another file. */
@RemoteTool(source = "tools/twin_a/helper.py", name = "Helper")
public interface HelperA {
  Info which();

  record Info(String origin) {}
}
