package errors.unsupportedtype;

import io.rmote.annotations.RemoteTool;
import java.net.URI;

// [example]
@RemoteTool(source = "tools/docs/directory.py")
interface Directory {
  long totalSize(URI... paths);
}
// [/example]
