package errors.fieldmismatch;

import io.rmote.annotations.RemoteTool;
import java.util.List;

// [example]
@RemoteTool(source = "tools/docs/directory.py")
interface Directory {
  List<Entry> entries(String path, Boolean hidden);

  record Entry(String name, String sizeBytes, Kind kind) {}

  enum Kind {
    FILE,
    DIRECTORY,
    OTHER
  }
}
// [/example]
