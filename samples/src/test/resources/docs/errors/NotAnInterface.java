package errors.notaninterface;

import io.rmote.annotations.RemoteTool;

// [example]
@RemoteTool(source = "tools/docs/directory.py")
abstract class Directory {
  abstract long totalSize(String... paths);
}
// [/example]
