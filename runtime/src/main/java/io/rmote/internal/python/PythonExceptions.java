package io.rmote.internal.python;

import io.rmote.python.ArithmeticError;
import io.rmote.python.AssertionError;
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
