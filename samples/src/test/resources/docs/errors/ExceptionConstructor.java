package errors.exceptionconstructor;

import io.rmote.annotations.PythonName;
import io.rmote.annotations.RemoteTool;
import io.rmote.python.PythonException;
import java.util.Map;

// [example]
@RemoteTool(source = "tools/quota.py")
interface Quota {
  void reserve(long size) throws QuotaExceeded;
}

class QuotaExceeded extends io.rmote.python.ValueError {
  public QuotaExceeded(long limit, PythonException.Details d) {
    super(d);
  }
}
// [/example]
