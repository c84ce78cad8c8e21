package errors.classmissing;

import io.rmote.annotations.RemoteTool;

// [example]
@RemoteTool(source = "tools/docs/directory.py")
interface Directroy {
  long totalSize(String... paths);
}
// [/example]
