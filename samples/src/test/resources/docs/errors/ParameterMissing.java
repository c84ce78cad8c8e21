package errors.parametermissing;

import io.rmote.annotations.RemoteTool;
import java.util.List;

// [example]
@RemoteTool(source = "tools/docs/directory.py")
interface Directory {
  List<Entry> entries(String path, Boolean hiden);

  record Entry(String name, long sizeBytes, Kind kind) {}

  enum Kind {
    FILE,
    DIRECTORY,
    OTHER
  }
}
// [/example]
