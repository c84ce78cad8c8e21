package errors.moduletoonew;

import io.rmote.annotations.RemoteTool;

// [example]
@RemoteTool(source = "tools/docs/directory.py", requiresPython = "3.6")
interface Directory {
  long totalSize(String... paths);
}
// [/example]
