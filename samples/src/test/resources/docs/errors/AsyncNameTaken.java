package errors.asyncnametaken;

import io.rmote.annotations.RemoteTool;

// [example]
@RemoteTool(source = "tools/docs/directory.py")
interface Directory {
  long totalSize(String... paths);
}

class DirectoryAsync {} // the name of the generated twin
// [/example]
