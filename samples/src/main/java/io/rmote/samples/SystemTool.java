package io.rmote.samples;

import io.rmote.annotations.RemoteTool;
import java.util.concurrent.CompletableFuture;

// [tool]
@RemoteTool(source = "tools/system_tool.py")
public interface SystemTool {
  String hostname();

  DiskInfo diskFree(String path); // null: Python's default "/"

  CompletableFuture<String> read(String path); // async def: any method may be either

  record DiskInfo(String path, long free) {}
}
// [/tool]
