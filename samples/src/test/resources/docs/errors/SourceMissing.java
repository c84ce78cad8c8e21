package errors.sourcemissing;

import io.rmote.annotations.RemoteTool;

// [example]
@RemoteTool(source = "tools/docs/directroy.py")
interface Directory {
  long totalSize(String... paths);
}
// [/example]
