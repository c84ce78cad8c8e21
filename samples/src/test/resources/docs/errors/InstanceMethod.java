package errors.instancemethod;

import io.rmote.annotations.RemoteTool;

// [example]
@RemoteTool(source = "tools/odd.py")
interface Counter {
  long increment();
}
// [/example]
