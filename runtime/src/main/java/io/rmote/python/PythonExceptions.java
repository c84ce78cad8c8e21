package io.rmote.python;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns the exception details the remote sent into the Java class nearest to the Python one. */
public final class PythonExceptions {
  private static final Map<String, Function<PythonException.Details, PythonException>> BY_TYPE =
      new HashMap<>();

  static {
    BY_TYPE.put("builtins.ArithmeticError", ArithmeticError::new);
    BY_TYPE.put("builtins.AssertionError", AssertionError::new);
    BY_TYPE.put("builtins.AttributeError", AttributeError::new);
    BY_TYPE.put("builtins.BlockingIOError", BlockingIOError::new);
    BY_TYPE.put("builtins.BrokenPipeError", BrokenPipeError::new);
    BY_TYPE.put("builtins.BufferError", BufferError::new);
    BY_TYPE.put("subprocess.CalledProcessError", CalledProcessError::new);
    BY_TYPE.put("builtins.ChildProcessError", ChildProcessError::new);
    BY_TYPE.put("builtins.ConnectionAbortedError", ConnectionAbortedError::new);
    BY_TYPE.put("builtins.ConnectionError", ConnectionError::new);
    BY_TYPE.put("builtins.ConnectionRefusedError", ConnectionRefusedError::new);
    BY_TYPE.put("builtins.ConnectionResetError", ConnectionResetError::new);
    BY_TYPE.put("builtins.EOFError", EOFError::new);
    BY_TYPE.put("builtins.FileExistsError", FileExistsError::new);
    BY_TYPE.put("builtins.FileNotFoundError", FileNotFoundError::new);
    BY_TYPE.put("builtins.FloatingPointError", FloatingPointError::new);
    BY_TYPE.put("builtins.GeneratorExit", GeneratorExit::new);
    BY_TYPE.put("builtins.ImportError", ImportError::new);
    BY_TYPE.put("builtins.IndentationError", IndentationError::new);
    BY_TYPE.put("builtins.IndexError", IndexError::new);
    BY_TYPE.put("builtins.InterruptedError", InterruptedError::new);
    BY_TYPE.put("builtins.IsADirectoryError", IsADirectoryError::new);
    BY_TYPE.put("builtins.KeyError", KeyError::new);
    BY_TYPE.put("builtins.KeyboardInterrupt", KeyboardInterrupt::new);
    BY_TYPE.put("builtins.LookupError", LookupError::new);
    BY_TYPE.put("builtins.MemoryError", MemoryError::new);
    BY_TYPE.put("builtins.ModuleNotFoundError", ModuleNotFoundError::new);
    BY_TYPE.put("builtins.NameError", NameError::new);
    BY_TYPE.put("builtins.NotADirectoryError", NotADirectoryError::new);
    BY_TYPE.put("builtins.NotImplementedError", NotImplementedError::new);
    BY_TYPE.put("builtins.OSError", OSError::new);
    BY_TYPE.put("builtins.OverflowError", OverflowError::new);
    BY_TYPE.put("builtins.PermissionError", PermissionError::new);
    BY_TYPE.put("builtins.ProcessLookupError", ProcessLookupError::new);
    BY_TYPE.put("builtins.RecursionError", RecursionError::new);
    BY_TYPE.put("builtins.ReferenceError", ReferenceError::new);
    BY_TYPE.put("builtins.RuntimeError", RuntimeError::new);
    BY_TYPE.put("builtins.StopAsyncIteration", StopAsyncIteration::new);
    BY_TYPE.put("builtins.StopIteration", StopIteration::new);
    BY_TYPE.put("subprocess.SubprocessError", SubprocessError::new);
    BY_TYPE.put("builtins.SyntaxError", SyntaxError::new);
    BY_TYPE.put("builtins.SystemError", SystemError::new);
    BY_TYPE.put("builtins.SystemExit", SystemExit::new);
    BY_TYPE.put("builtins.TabError", TabError::new);
    BY_TYPE.put("builtins.TimeoutError", TimeoutError::new);
    BY_TYPE.put("subprocess.TimeoutExpired", TimeoutExpired::new);
    BY_TYPE.put("builtins.TypeError", TypeError::new);
    BY_TYPE.put("builtins.UnboundLocalError", UnboundLocalError::new);
    BY_TYPE.put("builtins.UnicodeDecodeError", UnicodeDecodeError::new);
    BY_TYPE.put("builtins.UnicodeEncodeError", UnicodeEncodeError::new);
    BY_TYPE.put("builtins.UnicodeError", UnicodeError::new);
    BY_TYPE.put("builtins.UnicodeTranslateError", UnicodeTranslateError::new);
    BY_TYPE.put("builtins.ValueError", ValueError::new);
    BY_TYPE.put("builtins.ZeroDivisionError", ZeroDivisionError::new);
    BY_TYPE.put("builtins.IOError", OSError::new);
    BY_TYPE.put("builtins.EnvironmentError", OSError::new);
    BY_TYPE.put("asyncio.exceptions.CancelledError", CancelledError::new);
    BY_TYPE.put("asyncio.CancelledError", CancelledError::new);
    BY_TYPE.put("concurrent.futures._base.CancelledError", CancelledError::new);
  }

  /** The exception for {@code details}: the class of the first entry of its MRO that Java knows. */
  public static PythonException create(PythonException.Details details) {
    List<String> mro = details.mro();
    for (String type : mro) {
      Function<PythonException.Details, PythonException> f = BY_TYPE.get(type);
      if (f != null) return f.apply(details);
    }
    return new PythonException(details);
  }

  private PythonExceptions() {}
}
