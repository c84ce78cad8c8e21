package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.python.CalledProcessError;
import io.rmote.python.FileNotFoundError;
import io.rmote.python.KeyError;
import io.rmote.python.LookupError;
import io.rmote.python.OSError;
import io.rmote.python.PermissionError;
import io.rmote.python.PythonException;
import io.rmote.python.RuntimeError;
import io.rmote.python.SyntaxError;
import io.rmote.python.SystemExit;
import io.rmote.python.TypeError;
import io.rmote.python.ValueError;
import io.rmote.python.ZeroDivisionError;
import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Remote exceptions arrive as the Java classes that mirror Python's hierarchy. */
class RmoteExceptionTest {
  static final ToolDescriptor PROBE = RemoteCallTest.PROBE;

  static List<Python> pythons() {
    return Pythons.all();
  }

  private static <E extends Throwable> E raised(Remote remote, Class<E> type, String kind) {
    return assertThrows(type, () -> remote.call(PROBE, "raise_named", Object.class, kind));
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void builtInExceptionsKeepTheirTypeAndDetails(Python python) {
    try (Remote remote = python.connect()) {
      FileNotFoundError fnf = raised(remote, FileNotFoundError.class, "file");
      assertInstanceOf(OSError.class, fnf);
      assertEquals(2, fnf.errno());
      assertEquals("/nonexistent/rmote/file.txt", fnf.filename());
      assertEquals("builtins.FileNotFoundError", fnf.pythonType());
      assertEquals(python.label(), fnf.host());
      assertEquals("Probe", fnf.tool());
      assertEquals("raise_named", fnf.method());
      assertTrue(
          fnf.getMessage().startsWith("FileNotFoundError: [Errno 2] No such file or directory"),
          fnf.getMessage());
      assertTrue(fnf.getMessage().contains("host " + python.label()), fnf.getMessage());
      assertTrue(fnf.getMessage().contains("call Probe.raise_named"), fnf.getMessage());
      assertTrue(fnf.remoteTraceback().contains("tools/probe.py"), fnf.remoteTraceback());
      assertTrue(fnf.remoteTraceback().contains("raise_named"), fnf.remoteTraceback());

      PermissionError perm = raised(remote, PermissionError.class, "permission");
      assertEquals(13, perm.errno());
      assertEquals("Permission denied", perm.strerror());

      KeyError key = raised(remote, KeyError.class, "key");
      assertInstanceOf(LookupError.class, key);
      assertEquals(List.of("missing"), key.args());

      ValueError value = raised(remote, ValueError.class, "value");
      assertEquals(List.of("bad value", 42L), value.args());

      raised(remote, ZeroDivisionError.class, "zero");
      raised(remote, SystemExit.class, "exit");
      assertEquals(
          "alive",
          remote.call(PROBE, "echo", String.class, "alive"),
          "SystemExit in a tool does not end the remote");
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aConnectionsFirstFailureIsEncodedByCodeCompiledOnItsFirstUse(Python python) {
    // The build leaves the failure path (_failed, _error_parts, _enc_exception) out of what the
    // remote compiles at start-up (docs/protocol.md): this first failure compiles it.
    try (Remote remote = python.connect()) {
      KeyError key = raised(remote, KeyError.class, "key");
      assertEquals(python.label(), key.host());
      assertEquals("Probe", key.tool());
      assertEquals("raise_named", key.method());
      assertTrue(key.getMessage().contains("call Probe.raise_named"), key.getMessage());
      assertTrue(key.remoteTraceback().contains("raise_named"), key.remoteTraceback());
      assertEquals(List.of("bad value", 42L), raised(remote, ValueError.class, "value").args());
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aRemoteAssertionArrivesAsAPythonExceptionNamedAssertionError(Python python) {
    // No Java class mirrors it: java.lang.AssertionError owns the name.
    try (Remote remote = python.connect()) {
      PythonException e = raised(remote, PythonException.class, "assert");
      assertEquals(PythonException.class, e.getClass());
      assertEquals("builtins.AssertionError", e.pythonType());
      assertEquals(List.of("asserted"), e.args());
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void calledProcessErrorCarriesStatusAndOutput(Python python) {
    try (Remote remote = python.connect()) {
      CalledProcessError e = raised(remote, CalledProcessError.class, "called");
      assertEquals(3, e.returncode());
      assertEquals("out\n", e.output());
      assertEquals("err\n", e.stderr());
      assertEquals("subprocess.CalledProcessError", e.pythonType());
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void unknownClassesMapToTheirNearestBuiltInAncestor(Python python) {
    try (Remote remote = python.connect()) {
      ValueError e = raised(remote, ValueError.class, "quota");
      assertTrue(e.pythonType().endsWith("QuotaError"), e.pythonType());
      assertTrue(e.isInstance("builtins.ValueError"));
      assertTrue(e.pythonType().startsWith("rmote_tool_"), e.pythonType());
      // The module the runtime made up for the tool's source is no part of the message's name.
      assertTrue(e.getMessage().startsWith("QuotaError: over quota"), e.getMessage());
    }
  }

  /** A Java class for the probe's {@code QuotaError}, as a generated proxy would map it. */
  static final class QuotaException extends ValueError {
    QuotaException(PythonException.Details details) {
      super(details);
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aToolExceptionInTheCauseChainKeepsItsJavaClass(Python python) {
    ToolDescriptor probe = PROBE.withException("QuotaError", QuotaException::new);
    try (Remote remote = python.connect()) {
      QuotaException top =
          assertThrows(
              QuotaException.class, () -> remote.call(probe, "raise_named", Object.class, "quota"));
      assertTrue(top.getMessage().startsWith("QuotaError: over quota"), top.getMessage());
      RuntimeError outer =
          assertThrows(
              RuntimeError.class,
              () -> remote.call(probe, "raise_named", Object.class, "quota_chained"));
      QuotaException cause = assertInstanceOf(QuotaException.class, outer.getCause());
      assertEquals("over quota", cause.pythonMessage());
      assertTrue(cause.remoteTraceback().contains("QuotaError"), cause.remoteTraceback());
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void chainedExceptionsKeepTheirCause(Python python) {
    try (Remote remote = python.connect()) {
      RuntimeError e = raised(remote, RuntimeError.class, "chained");
      assertInstanceOf(KeyError.class, e.getCause());
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void toolRulesAreEnforcedOnTheRemote(Python python) {
    try (Remote remote = python.connect()) {
      TypeError instance =
          assertThrows(TypeError.class, () -> remote.call(PROBE, "instance_method", Object.class));
      assertTrue(instance.getMessage().contains("instance_method"), instance.getMessage());

      ToolDescriptor withInit =
          ToolDescriptor.fromResource(RmoteExceptionTest.class, "tools/broken_init.py", "WithInit");
      TypeError init =
          assertThrows(TypeError.class, () -> remote.call(withInit, "f", Object.class));
      assertTrue(init.getMessage().contains("__init__"), init.getMessage());

      ToolDescriptor broken =
          ToolDescriptor.fromResource(RmoteExceptionTest.class, "tools/broken_syntax.py", "Broken");
      SyntaxError syntax =
          assertThrows(SyntaxError.class, () -> remote.call(broken, "f", Object.class));
      assertTrue(
          syntax.getMessage().contains("broken_syntax.py")
              || syntax.remoteTraceback().contains("broken_syntax.py"),
          syntax.getMessage());
      assertThrows(
          SyntaxError.class,
          () -> remote.call(broken, "f", Object.class),
          "remembered for later calls");

      PythonException missing =
          assertThrows(
              PythonException.class, () -> remote.call(PROBE, "no_such_method", Object.class));
      assertTrue(missing.getMessage().contains("no_such_method"), missing.getMessage());
      ToolDescriptor noClass =
          ToolDescriptor.fromResource(RmoteExceptionTest.class, "tools/probe.py", "NoSuchTool");
      PythonException absent =
          assertThrows(PythonException.class, () -> remote.call(noClass, "f", Object.class));
      assertTrue(absent.getMessage().contains("NoSuchTool"), absent.getMessage());
      assertEquals("ok", remote.call(PROBE, "echo", String.class, "ok"));
    }
  }
}
