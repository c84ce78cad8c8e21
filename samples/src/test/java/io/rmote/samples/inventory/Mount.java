package io.rmote.samples.inventory;

import io.rmote.annotations.PythonName;
import java.util.List;

/** A standalone record with a renamed component. */
public record Mount(String path, Kind kind, @PythonName("options") List<String> mountOptions) {}
