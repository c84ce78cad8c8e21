package errors.resultmismatch;

import io.rmote.annotations.RemoteTool;

// [example]
@RemoteTool(source = "tools/docs/directory.py")
interface Directory {
  String totalSize(String... paths);
}
// [/example]
