package errors.returnnotannotated;

import io.rmote.annotations.RemoteTool;

// [example]
@RemoteTool(source = "tools/odd.py")
interface Untyped {
  String ping(String x);
}
// [/example]
