package errors.rawtype;

import io.rmote.annotations.RemoteTool;
import java.util.concurrent.CompletableFuture;

// [example]
@RemoteTool(source = "tools/docs/directory.py")
interface Directory {
  CompletableFuture waitFor(String path, Double timeoutSeconds);
}
// [/example]
