package io.rmote.internal.python;

import io.rmote.python.ArithmeticError;
import io.rmote.python.AttributeError;
import io.rmote.python.BlockingIOError;
import io.rmote.python.BrokenPipeError;
import io.rmote.python.BufferError;
import io.rmote.python.CalledProcessError;
import io.rmote.python.CancelledError;
import io.rmote.python.ChildProcessError;
import io.rmote.python.ConnectionAbortedError;
import io.rmote.python.ConnectionError;
import io.rmote.python.ConnectionRefusedError;
import io.rmote.python.ConnectionResetError;
import io.rmote.python.EOFError;
import io.rmote.python.FileExistsError;
import io.rmote.python.FileNotFoundError;
import io.rmote.python.FloatingPointError;
import io.rmote.python.GeneratorExit;
import io.rmote.python.ImportError;
import io.rmote.python.IndentationError;
import io.rmote.python.IndexError;
import io.rmote.python.InterruptedError;
import io.rmote.python.IsADirectoryError;
import io.rmote.python.KeyError;
import io.rmote.python.KeyboardInterrupt;
import io.rmote.python.LookupError;
import io.rmote.python.MemoryError;
import io.rmote.python.ModuleNotFoundError;
import io.rmote.python.NameError;
import io.rmote.python.NotADirectoryError;
import io.rmote.python.NotImplementedError;
import io.rmote.python.OSError;
import io.rmote.python.OverflowError;
import io.rmote.python.PermissionError;
import io.rmote.python.ProcessLookupError;
import io.rmote.python.PythonException;
import io.rmote.python.RecursionError;
import io.rmote.python.ReferenceError;
import io.rmote.python.RuntimeError;
import io.rmote.python.StopAsyncIteration;
import io.rmote.python.StopIteration;
import io.rmote.python.SubprocessError;
import io.rmote.python.SyntaxError;
import io.rmote.python.SystemError;
import io.rmote.python.SystemExit;
import io.rmote.python.TabError;
import io.rmote.python.TimeoutError;
import io.rmote.python.TimeoutExpired;
import io.rmote.python.TypeError;
import io.rmote.python.UnboundLocalError;
import io.rmote.python.UnicodeDecodeError;
import io.rmote.python.UnicodeEncodeError;
import io.rmote.python.UnicodeError;
import io.rmote.python.UnicodeTranslateError;
import io.rmote.python.ValueError;
import io.rmote.python.ZeroDivisionError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the exception details the remote sent into the Java class nearest to the Python one.
 *
 * <p>{@link #ENTRIES} is the one list of the mirror: each Java class of {@code io.rmote.python}
 * with the Python name it stands for and its constructor. A built-in's Python name is its Java
 * simple name under {@code builtins.}, so the name is written once. {@code
 * PythonExceptionMirrorTest} asks real interpreters for every built-in's {@code __mro__} and checks
 * each class's superclass chain against it.
 */
public final class PythonExceptions {

  /** One mirrored Python class: its {@code module.qualname}, its Java class, its constructor. */
  public record Entry(
      String pythonType,
      Class<? extends PythonException> javaClass,
      Function<PythonException.Details, ? extends PythonException> create) {}

  /**
   * Every mirrored class, then the other names under which Python raises the same class (aliases,
   * and the homes {@code CancelledError} had across versions).
   */
  public static final List<Entry> ENTRIES =
      List.of(
          builtin(ArithmeticError.class, ArithmeticError::new),
          builtin(AttributeError.class, AttributeError::new),
          builtin(BlockingIOError.class, BlockingIOError::new),
          builtin(BrokenPipeError.class, BrokenPipeError::new),
          builtin(BufferError.class, BufferError::new),
          in("subprocess", CalledProcessError.class, CalledProcessError::new),
          builtin(ChildProcessError.class, ChildProcessError::new),
          builtin(ConnectionAbortedError.class, ConnectionAbortedError::new),
          builtin(ConnectionError.class, ConnectionError::new),
          builtin(ConnectionRefusedError.class, ConnectionRefusedError::new),
          builtin(ConnectionResetError.class, ConnectionResetError::new),
          builtin(EOFError.class, EOFError::new),
          builtin(FileExistsError.class, FileExistsError::new),
          builtin(FileNotFoundError.class, FileNotFoundError::new),
          builtin(FloatingPointError.class, FloatingPointError::new),
          builtin(GeneratorExit.class, GeneratorExit::new),
          builtin(ImportError.class, ImportError::new),
          builtin(IndentationError.class, IndentationError::new),
          builtin(IndexError.class, IndexError::new),
          builtin(InterruptedError.class, InterruptedError::new),
          builtin(IsADirectoryError.class, IsADirectoryError::new),
          builtin(KeyError.class, KeyError::new),
          builtin(KeyboardInterrupt.class, KeyboardInterrupt::new),
          builtin(LookupError.class, LookupError::new),
          builtin(MemoryError.class, MemoryError::new),
          builtin(ModuleNotFoundError.class, ModuleNotFoundError::new),
          builtin(NameError.class, NameError::new),
          builtin(NotADirectoryError.class, NotADirectoryError::new),
          builtin(NotImplementedError.class, NotImplementedError::new),
          builtin(OSError.class, OSError::new),
          builtin(OverflowError.class, OverflowError::new),
          builtin(PermissionError.class, PermissionError::new),
          builtin(ProcessLookupError.class, ProcessLookupError::new),
          builtin(RecursionError.class, RecursionError::new),
          builtin(ReferenceError.class, ReferenceError::new),
          builtin(RuntimeError.class, RuntimeError::new),
          builtin(StopAsyncIteration.class, StopAsyncIteration::new),
          builtin(StopIteration.class, StopIteration::new),
          in("subprocess", SubprocessError.class, SubprocessError::new),
          builtin(SyntaxError.class, SyntaxError::new),
          builtin(SystemError.class, SystemError::new),
          builtin(SystemExit.class, SystemExit::new),
          builtin(TabError.class, TabError::new),
          builtin(TimeoutError.class, TimeoutError::new),
          in("subprocess", TimeoutExpired.class, TimeoutExpired::new),
          builtin(TypeError.class, TypeError::new),
          builtin(UnboundLocalError.class, UnboundLocalError::new),
          builtin(UnicodeDecodeError.class, UnicodeDecodeError::new),
          builtin(UnicodeEncodeError.class, UnicodeEncodeError::new),
          builtin(UnicodeError.class, UnicodeError::new),
          builtin(UnicodeTranslateError.class, UnicodeTranslateError::new),
          builtin(ValueError.class, ValueError::new),
          builtin(ZeroDivisionError.class, ZeroDivisionError::new),
          in("asyncio.exceptions", CancelledError.class, CancelledError::new),
          alias("asyncio.CancelledError", CancelledError.class, CancelledError::new),
          alias(
              "concurrent.futures._base.CancelledError", CancelledError.class, CancelledError::new),
          alias("builtins.IOError", OSError.class, OSError::new),
          alias("builtins.EnvironmentError", OSError.class, OSError::new));

  private static final Map<String, Entry> BY_TYPE = index(ENTRIES);

  /** The exception for {@code details}: the class of the first entry of its MRO that Java knows. */
  public static PythonException create(PythonException.Details details) {
    for (String type : details.mro()) {
      Entry e = BY_TYPE.get(type);
      if (e != null) return e.create().apply(details);
    }
    return new PythonException(details);
  }

  /** The Java class that stands for {@code pythonType} ({@code module.qualname}), if one does. */
  public static Class<? extends PythonException> javaClass(String pythonType) {
    Entry e = BY_TYPE.get(pythonType);
    return e == null ? null : e.javaClass();
  }

  private static <E extends PythonException> Entry builtin(
      Class<E> c, Function<PythonException.Details, E> create) {
    return new Entry("builtins." + c.getSimpleName(), c, create);
  }

  private static <E extends PythonException> Entry in(
      String module, Class<E> c, Function<PythonException.Details, E> create) {
    return new Entry(module + "." + c.getSimpleName(), c, create);
  }

  private static <E extends PythonException> Entry alias(
      String pythonType, Class<E> c, Function<PythonException.Details, E> create) {
    return new Entry(pythonType, c, create);
  }

  private static Map<String, Entry> index(List<Entry> entries) {
    Map<String, Entry> m = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (m.put(e.pythonType(), e) != null)
        throw new IllegalStateException("listed twice: " + e.pythonType());
    }
    return Collections.unmodifiableMap(m);
  }

  private PythonExceptions() {}
}
