package errors.parametermismatch;

import io.rmote.annotations.RemoteTool;

// [example]
@RemoteTool(source = "tools/docs/directory.py")
interface Directory {
  long totalSize(long... paths);
}
// [/example]
