package errors.varargswithoutstar;

import io.rmote.annotations.RemoteTool;

// [example]
@RemoteTool(source = "tools/docs/directory.py")
interface Directory {
  boolean waitFor(String path, double... timeoutSeconds);
}
// [/example]
