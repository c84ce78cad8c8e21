package io.rmote.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rmote.processor.Sources.compile;
import static io.rmote.processor.Sources.java;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.rmote.Remote;
import io.rmote.python.CalledProcessError;
import io.rmote.python.PythonException;
import io.rmote.python.ValueError;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A tool's own Python exception classes named by Java classes in {@code throws}: each check of the
 * processor with its message and line, and the generated mapping run against a real python3.
 */
class ToolExceptionsTest {

  private static JavaFileObject failing(String... methods) {
    String[] lines = new String[methods.length + 2];
    lines[0] = "@RemoteTool(source = \"tools/failing.py\")";
    lines[1] = "public interface Failing {";
    System.arraycopy(methods, 0, lines, 2, methods.length);
    String[] all = java.util.Arrays.copyOf(lines, lines.length + 1);
    all[all.length - 1] = "}";
    return java("Failing", all);
  }

  private static JavaFileObject busy(String superclass, String fields, String body) {
    return java(
        "BusyException",
        "import io.rmote.python.PythonException;",
        "@PythonName(\"Busy\")",
        "public class BusyException extends " + superclass + " {",
        "  public final List<Long> pids;",
        "  public final String holder;",
        "  public BusyException(PythonException.Details d" + fields + ") {",
        "    super(d);",
        body,
        "  }",
        "}");
  }

  private static final JavaFileObject GOOD_BUSY =
      busy(
          "io.rmote.python.CalledProcessError",
          ", List<Long> pids, String holder",
          "    this.pids = pids; this.holder = holder;");

  private static final JavaFileObject QUOTA =
      java(
          "QuotaError",
          "import io.rmote.python.PythonException;",
          "public class QuotaError extends io.rmote.python.ValueError {",
          "  public final long limit;",
          "  public QuotaError(PythonException.Details d, long limit) {",
          "    super(d);",
          "    this.limit = limit;",
          "  }",
          "}");

  @Test
  void theCallerCatchesTheTypedExceptionWithItsFields() throws Exception {
    Compilation c =
        compile(
            failing(
                "  void busy() throws BusyException;",
                "  void quota(boolean hard) throws QuotaError;",
                "  void plain();"),
            GOOD_BUSY,
            QUOTA);
    assertThat(c).succeededWithoutWarnings();
    ClassLoader loader = new GeneratedCodeRunsTest.CompiledClasses(c);
    Class<?> proxy = loader.loadClass("test.FailingProxy");
    Class<?> busyClass = loader.loadClass("test.BusyException");
    Class<?> quotaClass = loader.loadClass("test.QuotaError");
    try (Remote remote = Remote.local()) {
      Object failing = proxy.getConstructor(Remote.class).newInstance(remote);

      Throwable busy = thrown(failing, proxy.getMethod("busy"));
      assertInstanceOf(busyClass, busy);
      assertInstanceOf(CalledProcessError.class, busy, "catch (CalledProcessError e) still works");
      assertEquals(8, ((CalledProcessError) busy).returncode());
      assertEquals(List.of(11L, 12L), busyClass.getField("pids").get(busy));
      assertEquals("sleep", busyClass.getField("holder").get(busy));
      assertTrue(busy.getMessage().contains("Failing.busy"), busy.getMessage());

      Throwable quota = thrown(failing, proxy.getMethod("quota", boolean.class), false);
      assertInstanceOf(quotaClass, quota);
      assertEquals(3L, quotaClass.getField("limit").get(quota));

      // A subclass Java does not name arrives as its nearest named ancestor.
      Throwable hard = thrown(failing, proxy.getMethod("quota", boolean.class), true);
      assertInstanceOf(quotaClass, hard);
      assertEquals(5L, quotaClass.getField("limit").get(hard));
      assertTrue(((PythonException) hard).pythonType().endsWith(".HardQuota"));

      Throwable plain = thrown(failing, proxy.getMethod("plain"));
      assertInstanceOf(ValueError.class, plain);
      assertFalse(quotaClass.isInstance(plain), "a built-in stays a built-in");
    }
  }

  private static Throwable thrown(Object target, Method m, Object... args) {
    InvocationTargetException e =
        assertThrows(InvocationTargetException.class, () -> m.invoke(target, args));
    return e.getCause();
  }

  @Test
  void aPythonClassThatDoesNotExistSuggestsTheClosest() {
    JavaFileObject x =
        java(
            "BussyException",
            "import io.rmote.python.PythonException;",
            "@PythonName(\"Bussy\")",
            "public class BussyException extends io.rmote.python.CalledProcessError {",
            "  public BussyException(PythonException.Details d) { super(d); }",
            "}");
    Compilation c = compile(failing("  void busy() throws BussyException;"), x);
    assertThat(c)
        .hadErrorContaining(
            "[rmote.exceptionMissing] no class Bussy in tools/failing.py for tool exception"
                + " BussyException; did you mean Busy?")
        .inFile(x)
        .onLineContaining("class BussyException");
  }

  @Test
  void theJavaClassMustExtendTheMirrorOfThePythonBase() {
    JavaFileObject x = busy("io.rmote.python.ValueError", "", "    pids = null; holder = null;");
    Compilation c = compile(failing("  void busy() throws BusyException;"), x);
    assertThat(c)
        .hadErrorContaining(
            "[rmote.exceptionBaseMismatch] Busy (tools/failing.py:8) derives from"
                + " subprocess.CalledProcessError, so BusyException must extend"
                + " io.rmote.python.CalledProcessError")
        .inFile(x)
        .onLineContaining("class BusyException");
  }

  @Test
  void aPythonBaseOutsideTheMirrorCannotBeChecked() {
    JavaFileObject x =
        java(
            "Garbled",
            "import io.rmote.python.PythonException;",
            "public class Garbled extends io.rmote.python.ValueError {",
            "  public Garbled(PythonException.Details d) { super(d); }",
            "}");
    Compilation c = compile(failing("  void plain() throws Garbled;"), x);
    assertThat(c)
        .hadErrorContaining(
            "[rmote.exceptionBaseUnknown] Garbled (tools/failing.py:27) derives from"
                + " json.JSONDecodeError")
        .inFile(x)
        .onLineContaining("class Garbled");
  }

  @Test
  void aFieldThePythonClassNeverSetsSuggestsTheClosest() {
    JavaFileObject x =
        busy(
            "io.rmote.python.CalledProcessError",
            ", List<Long> pid, String holder",
            "    this.pids = pid; this.holder = holder;");
    Compilation c = compile(failing("  void busy() throws BusyException;"), x);
    assertThat(c)
        .hadErrorContaining(
            "[rmote.exceptionFieldMissing] parameter 'pid' of BusyException reads the attribute"
                + " pid, which Busy (tools/failing.py:8) never sets as self.pid; did you mean"
                + " pids?")
        .inFile(x)
        .onLineContaining("public BusyException(");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void theBaseClassAttributesOfCalledProcessErrorCount() {
    JavaFileObject x =
        busy(
            "io.rmote.python.CalledProcessError",
            ", List<Long> pids, String stderr",
            "    this.pids = pids; this.holder = stderr;");
    assertThat(compile(failing("  void busy() throws BusyException;"), x))
        .succeededWithoutWarnings();
  }

  @Test
  void aFieldTypeTheMappingCannotTake() {
    JavaFileObject x =
        busy(
            "io.rmote.python.CalledProcessError",
            ", Map<String, Object> pids",
            "    this.pids = null; this.holder = null;");
    assertThat(compile(failing("  void busy() throws BusyException;"), x))
        .hadErrorContaining(
            "[rmote.exceptionFieldType] parameter 'pids' of BusyException's constructor has the"
                + " type java.util.Map<java.lang.String,java.lang.Object>")
        .inFile(x)
        .onLineContaining("public BusyException(");
  }

  @Test
  void theConstructorTakesTheDetailsFirst() {
    JavaFileObject x =
        java(
            "QuotaError",
            "import io.rmote.python.PythonException;",
            "public class QuotaError extends io.rmote.python.ValueError {",
            "  public QuotaError(long limit, PythonException.Details d) { super(d); }",
            "}");
    assertThat(compile(failing("  void quota(boolean hard) throws QuotaError;"), x))
        .hadErrorContaining(
            "[rmote.exceptionConstructor] tool exception QuotaError has no public constructor"
                + " taking PythonException.Details first")
        .inFile(x)
        .onLineContaining("class QuotaError");
  }
}
