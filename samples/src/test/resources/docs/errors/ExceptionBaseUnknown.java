package errors.exceptionbaseunknown;

import io.rmote.annotations.PythonName;
import io.rmote.annotations.RemoteTool;
import io.rmote.python.PythonException;
import java.util.Map;

// [example]
@RemoteTool(source = "tools/quota.py")
interface Quota {
  void reserve(long size) throws Garbled;
}

class Garbled extends io.rmote.python.ValueError {
  public Garbled(PythonException.Details d) {
    super(d);
  }
}
// [/example]
