package errors.moduleremoved;

import io.rmote.annotations.RemoteTool;
import java.util.List;

// [example]
@RemoteTool(source = "tools/removed.py")
interface Loader {
  List<String> suffixes();
}
// [/example]
