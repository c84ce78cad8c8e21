package errors.parameternotannotated;

import io.rmote.annotations.RemoteTool;

// [example]
@RemoteTool(source = "tools/odd.py")
interface Untyped {
  String echo(String x);
}
// [/example]
