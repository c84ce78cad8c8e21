package errors.methodmissing;

import io.rmote.annotations.RemoteTool;

// [example]
@RemoteTool(source = "tools/docs/directory.py")
interface Directory {
  long totalSzie(String... paths);
}
// [/example]
