package errors.requirespythoninvalid;

import io.rmote.annotations.RemoteTool;

// [example]
@RemoteTool(source = "tools/docs/directory.py", requiresPython = ">=3.8")
interface Directory {
  long totalSize(String... paths);
}
// [/example]
