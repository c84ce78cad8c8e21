package errors.exceptionmissing;

import io.rmote.annotations.PythonName;
import io.rmote.annotations.RemoteTool;
import io.rmote.python.PythonException;
import java.util.Map;

// [example]
@RemoteTool(source = "tools/quota.py")
interface Quota {
  void reserve(long size) throws OverQuota;
}

@PythonName("QuotaExceded")
class OverQuota extends io.rmote.python.ValueError {
  public OverQuota(PythonException.Details d) {
    super(d);
  }
}
// [/example]
