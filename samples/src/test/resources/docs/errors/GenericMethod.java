package errors.genericmethod;

import io.rmote.annotations.RemoteTool;

// [example]
@RemoteTool(source = "tools/docs/directory.py")
interface Directory {
  <T> T totalSize(String... paths);
}
// [/example]
