package errors.annotationunreadable;

import io.rmote.annotations.RemoteTool;

// [example]
@RemoteTool(source = "tools/odd.py")
interface Garbled {
  long size(String path);
}
// [/example]
