package io.rmote.samples.twins;

import io.rmote.annotations.RemoteTool;

/** Class Helper of tools/twin_b/helper.py; a class of the same name lives in another file. */
@RemoteTool(source = "tools/twin_b/helper.py", name = "Helper")
public interface HelperB {
  Info which();

  record Info(String origin) {}
}
