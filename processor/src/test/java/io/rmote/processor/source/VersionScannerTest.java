package io.rmote.processor.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link VersionScanner} finds in small sources, and what it must leave alone. */
class VersionScannerTest {

  /** Each use as {@code line:added:what} (syntax) or {@code line:import:name:added:removed}. */
  private static List<String> uses(String... lines) {
    try {
      return VersionScanner.scan(String.join("\n", lines) + "\n").stream()
          .map(
              u ->
                  u.kind() == VersionUse.Kind.SYNTAX
                      ? u.line() + ":3." + u.added() + ":" + u.what()
                      : u.line() + ":import " + u.what() + ":" + u.added() + ":" + u.removed())
          .toList();
    } catch (PythonSyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static void none(String... lines) {
    assertEquals(List.of(), uses(lines));
  }

  @Test
  void walrus() {
    assertEquals(
        List.of("2:3.8:the walrus operator (:=)"),
        uses("import re", "if (m := re.match('a', 'a')) is not None:", "    pass"));
    assertEquals(List.of("1:3.8:the walrus operator (:=)"), uses("x = [y for y in z if (w := y)]"));
  }

  @Test
  void positionalOnlyParameters() {
    assertEquals(
        List.of("1:3.8:a positional-only parameter marker (/)"),
        uses("def f(a, /, b):", "    return a / b"));
    assertEquals(
        List.of("1:3.8:a positional-only parameter marker (/)"), uses("f = lambda a, /: a"));
    none("def f(a, b=1 / 2, *, c=lambda x, y: x / y):", "    return a / b");
  }

  @Test
  void matchStatementButNotTheSoftKeyword() {
    assertEquals(
        List.of("1:3.10:the match statement"),
        uses(
            "match command.split():",
            "    case [x]:",
            "        pass",
            "    case _:",
            "        pass"));
    none(
        "import re",
        "match = re.match('a', 'a')",
        "match(1)",
        "match.group(0)",
        "x = re.match",
        "if match:",
        "    match = None",
        "match: int = 3",
        "match [a]:",
        "    pass",
        "case = 1");
  }

  @Test
  void unionAnnotationsEvaluatedAtDefinitionTime() {
    assertEquals(
        List.of(
            "1:3.10:X | Y in the annotation 'int | None', evaluated when the def runs (quote it, or"
                + " add from __future__ import annotations)",
            "1:3.10:X | Y in the annotation 'str | None', evaluated when the def runs (quote it, or"
                + " add from __future__ import annotations)"),
        uses("def f(x: int | None = None) -> str | None:", "    pass"));
    assertEquals(
        List.of(
            "2:3.10:X | Y in the annotation 'int | None', evaluated when the class or module body"
                + " runs (quote it, or add from __future__ import annotations)"),
        uses("class A:", "    x: int | None = None", "    y: 'int | None' = None"));
    // Quoted annotations, local variables and defaults are never evaluated as annotations.
    none(
        "def f(x: 'int | None' = 1 | 2, *a: \"str | None\", **k: int) -> 'str | None':",
        "    y: int | None = None",
        "    return x | 1");
  }

  @Test
  void aLambdaDefaultIsNoAnnotation() {
    assertEquals(
        List.of(
            "1:3.10:X | Y in the annotation 'int | None', evaluated when the def runs (quote it, or"
                + " add from __future__ import annotations)"),
        uses("def f(k=lambda a=(1, 2), b=3: a | b, c: int | None = None):", "    pass"));
  }

  @Test
  void theFutureImportDefersAnnotationsButNeeds37() {
    assertEquals(
        List.of("1:3.7:from __future__ import annotations"),
        uses(
            "from __future__ import annotations",
            "def f(x: int | None, y: list[str]) -> dict[str, int]:",
            "    pass"));
  }

  @Test
  void builtinGenericsInAnnotations() {
    assertEquals(
        List.of(
            "1:3.9:list[...] in the annotation 'list[str]', evaluated when the def runs (quote it,"
                + " use typing.List, or add from __future__ import annotations)"),
        uses("def f(x: list[str]) -> 'dict[str, int]':", "    return typing.List[str]"));
    none(
        "from typing import List",
        "def f(x: List[str], y: typing.Dict[str, int]) -> None:",
        "  pass");
  }

  @Test
  void newerStatements() {
    assertEquals(
        List.of("3:3.11:except* (exception groups)"),
        uses("try:", "    pass", "except* ValueError:", "    pass"));
    assertEquals(
        List.of(
            "1:3.12:a type parameter list (def f[...])",
            "3:3.12:a type parameter list (class C[...])",
            "5:3.12:a type alias statement (type Pair = ...)"),
        uses(
            "def f[T](x: T) -> T:",
            "    return x",
            "class C[T]:",
            "    pass",
            "type Pair = tuple",
            "type = 3",
            "type(x)"));
    assertEquals(
        List.of("1:3.9:parenthesized context managers (with (a as x, b as y):)"),
        uses(
            "with (open('a') as a, open('b') as b):",
            "    pass",
            "with (open('c')) as c:",
            "  pass"));
    assertEquals(
        List.of("2:3.9:a decorator that is not a dotted name or a call of one"),
        uses("@a.b(c)", "@buttons[0].connect", "def f(): pass"));
    assertEquals(
        List.of(
            "2:3.8:an unparenthesized starred expression after return (*a, b)",
            "3:3.8:an unparenthesized starred expression after yield (*a, b)"),
        uses("def f(*a):", "    return 1, *a", "    yield *a, 2", "    return f(*a), (*a, 1)"));
    assertEquals(
        List.of("3:3.14:several exceptions without parentheses (except A, B:)"),
        uses(
            "try:",
            "    pass",
            "except ValueError, TypeError:",
            "    pass",
            "except (A, B) as e:",
            "    pass"));
  }

  @Test
  void fStrings() {
    none(
        "a = f'{x!r:>{width}} {a != b} {d[\"k\"]} {x:=^10}'",
        "b = f\"{'a' if x else 'b'}\" rf'\\d{x}' f'''{d[\"k\"] + d['j']}'''",
        "c = f'{{literal}}' b'{x=}' '{x=}'");
    assertEquals(
        List.of("1:3.8:the f-string = specifier (f\"{x=}\")"), uses("print(f'{x=} {y = !r}')"));
    assertEquals(
        List.of(
            "1:3.12:the enclosing quotes again inside an f-string's {} field",
            "2:3.12:a backslash inside an f-string's {} field"),
        uses("a = f\"{d[\"k\"]}\"", "b = f'{\"\\n\".join(x)}'"));
    assertEquals(List.of("1:3.14:a template string (t\"...\")"), uses("x = t'{a}'"));
  }

  @Test
  void importsOfModulesSomeVersionLacks() {
    assertEquals(
        List.of(
            "1:import dataclasses:7:0",
            "2:import zoneinfo:9:0",
            "3:import importlib.metadata:8:0",
            "4:import importlib.metadata:8:0",
            "5:import typing.Literal:8:0",
            "6:import imp:0:12",
            "7:import collections.Mapping:0:10"),
        uses(
            "import dataclasses, os.path as p",
            "from zoneinfo import ZoneInfo",
            "import importlib.metadata as md",
            "from importlib import metadata, import_module",
            "from typing import List, Literal as L",
            "import imp",
            "from collections import Mapping, OrderedDict",
            "from . import dataclasses",
            "import json"));
  }

  @Test
  void guardedImportsPass() {
    none(
        "try:",
        "    import dataclasses",
        "    from typing import Literal",
        "except ImportError:",
        "    dataclasses = None",
        "try: import tomllib",
        "except (ModuleNotFoundError, AttributeError): tomllib = None",
        "try:",
        "    import zoneinfo",
        "except ValueError:",
        "    pass",
        "except:",
        "    pass",
        "import sys",
        "if sys.version_info >= (3, 9):",
        "    import zoneinfo",
        "else:",
        "    import imp",
        "if sys.version_info[:2] < (3, 12):",
        "    import asyncore",
        "if TYPE_CHECKING:",
        "    from typing import Protocol");
    assertEquals(
        List.of("4:import zoneinfo:9:0", "6:import graphlib:9:0"),
        uses(
            "try:",
            "    pass",
            "except ImportError:",
            "    import zoneinfo",
            "if sys.version_info >= (3, 8):",
            "    import graphlib",
            "else:",
            "    import imp"));
  }
}
