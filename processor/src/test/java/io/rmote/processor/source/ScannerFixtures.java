package io.rmote.processor.source;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Look-ups the scanner tests share; they fail the test with a listing of what was there. */
final class ScannerFixtures {
  private ScannerFixtures() {}

  static PyModule scan(String source) {
    try {
      return PythonScanner.scan("test.py", source);
    } catch (PythonSyntaxException e) {
      throw new AssertionError("scan failed: " + e.getMessage(), e);
    }
  }

  static String resource(String name) {
    try (InputStream in = ScannerFixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new AssertionError("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A class by dotted name from the module, nested ones included. */
  static PyClass cls(PyModule module, String qualifiedName) {
    PyClass found = find(module.classes(), qualifiedName);
    if (found == null) {
      fail("no class " + qualifiedName + " in " + names(module.classes()));
    }
    return found;
  }

  private static PyClass find(List<PyClass> classes, String qualifiedName) {
    for (PyClass c : classes) {
      if (c.qualifiedName().equals(qualifiedName)) {
        return c;
      }
      PyClass inner = find(c.nested(), qualifiedName);
      if (inner != null) {
        return inner;
      }
    }
    return null;
  }

  private static List<String> names(List<PyClass> classes) {
    return classes.stream().map(PyClass::qualifiedName).toList();
  }

  static PyFunction method(PyClass c, String name) {
    return c.methods().stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no method "
                        + name
                        + " in "
                        + c.qualifiedName()
                        + ": "
                        + c.methods().stream().map(PyFunction::name).toList()));
  }

  static PyParam param(PyFunction f, String name) {
    return f.params().stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no parameter " + name + " in " + f));
  }

  static PyType type(String annotation) {
    try {
      return PythonScanner.parseType(annotation);
    } catch (PythonSyntaxException e) {
      throw new AssertionError("parseType failed: " + e.getMessage(), e);
    }
  }

  static PyType t(String name, PyType... args) {
    return new PyType(name, List.of(args));
  }
}
