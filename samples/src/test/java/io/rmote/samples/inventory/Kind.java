package io.rmote.samples.inventory;

import io.rmote.annotations.PythonName;

/** A standalone enum with a renamed constant. */
public enum Kind {
  DISK,
  @PythonName("NETWORK")
  NET
}
