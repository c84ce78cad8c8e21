package io.rmote.processor.source;

import static io.rmote.processor.source.ScannerFixtures.cls;
import static io.rmote.processor.source.ScannerFixtures.method;
import static io.rmote.processor.source.ScannerFixtures.param;
import static io.rmote.processor.source.ScannerFixtures.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.processor.source.PyParam.Kind;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PythonScannerTest {

  private static List<String> names(List<PyParam> params) {
    return params.stream().map(PyParam::name).toList();
  }

  private static List<Kind> kinds(List<PyParam> params) {
    return params.stream().map(PyParam::kind).toList();
  }

  @Nested
  class Classes {
    @Test
    void basesDecoratorsAndLines() {
      PyModule m =
          scan(
              """
              import enum

              @dataclasses.dataclass(frozen=True)
              @other
              class A(Base, enum.Enum, metaclass=Meta, **kw):
                  pass

              class B(): pass
              class C: ...
              """);
      PyClass a = cls(m, "A");
      assertEquals(List.of("Base", "enum.Enum"), a.bases());
      assertEquals(List.of("dataclasses.dataclass(frozen=True)", "other"), a.decorators());
      assertEquals(5, a.line());
      assertEquals(List.of(), cls(m, "B").bases());
      assertEquals(8, cls(m, "B").line());
      assertEquals(9, cls(m, "C").line());
      assertEquals(List.of("A", "B", "C"), m.classes().stream().map(PyClass::name).toList());
    }

    @Test
    void multiLineHeaderAndSubscriptedBase() {
      PyModule m =
          scan(
              """
              class Box(
                  Generic[T],  # the element type
                  Base,
              ):
                  x: T
              """);
      PyClass box = cls(m, "Box");
      assertEquals(List.of("Generic[T]", "Base"), box.bases());
      assertEquals(1, box.line());
      assertEquals(5, box.fields().get(0).line());
    }

    @Test
    void nestedClassesHaveDottedNames() {
      PyModule m =
          scan(
              """
              class Outer:
                  class Inner:
                      class Deepest(Enum):
                          A = 1
                  def after(self): pass
                  class Second: pass
              """);
      PyClass outer = cls(m, "Outer");
      assertEquals(
          List.of("Outer.Inner", "Outer.Second"),
          outer.nested().stream().map(PyClass::qualifiedName).toList());
      PyClass deepest = cls(m, "Outer.Inner.Deepest");
      assertEquals("Deepest", deepest.name());
      assertEquals(3, deepest.line());
      assertEquals("A", deepest.assignments().get(0).name());
      assertEquals(List.of("after"), outer.methods().stream().map(PyFunction::name).toList());
      assertEquals(1, m.classes().size());
      assertTrue(m.findClass("Outer").isPresent());
      assertFalse(m.findClass("Inner").isPresent());
    }

    @Test
    void oneLineBodies() {
      PyModule m =
          scan(
              """
              class E(Exception): pass
              class F(Exception): "doc"; code = 3; x: int = 1
              class G:
                  def f(self): return 1
                  def g(self): return {"a": (1, 2)}; pass
              """);
      assertEquals(List.of("Exception"), cls(m, "E").bases());
      PyClass f = cls(m, "F");
      assertEquals(List.of(new PyAssignment("code", "3", 2)), f.assignments());
      assertEquals(List.of(new PyField("x", "int", "1", 2)), f.fields());
      PyClass g = cls(m, "G");
      assertEquals(List.of("f", "g"), g.methods().stream().map(PyFunction::name).toList());
      assertEquals(5, method(g, "g").line());
    }

    @Test
    void classLevelStatementsAreSkipped() {
      PyModule m =
          scan(
              """
              class T(Tool):
                  \"""A docstring with 'quotes' and a def inside: def nope(): pass\"""
                  if sys.version_info >= (3, 8):
                      def conditional(self): pass
                  else:
                      pass
                  for _i in range(3):
                      pass
                  try:
                      import fcntl
                  except ImportError:  # not on this platform
                      fcntl = None
                  with lock:
                      pass
                  del _i
                  counter += 1
                  a, b = 1, 2
                  x.y = 3
                  items[0] = 4
                  print("side effect")
                  assert True
                  global_name: int

                  @staticmethod
                  def real() -> int:
                      return 1
              """);
      PyClass t = cls(m, "T");
      assertEquals(List.of("real"), t.methods().stream().map(PyFunction::name).toList());
      assertEquals(List.of(), t.assignments());
      assertEquals(List.of(new PyField("global_name", "int", null, 22)), t.fields());
      assertEquals(25, method(t, "real").line());
    }

    @Test
    void topLevelCodeAndMainBlockAreSkipped() {
      PyModule m =
          scan(
              """
              #!/usr/bin/env python3
              # -*- coding: utf-8 -*-
              from __future__ import annotations
              import os, sys
              from typing import (
                  List,
                  Dict,
              )
              CONSTANT = os.environ.get("X", "default")

              def helper(x):
                  class Hidden:  # inside a function: not part of the module's classes
                      pass
                  return x

              try:
                  import json
              except ImportError:
                  json = None

              class Visible:
                  pass

              if __name__ == "__main__":
                  class AlsoHidden:
                      pass
                  helper(1)
              """);
      assertEquals(List.of("Visible"), m.classes().stream().map(PyClass::name).toList());
      assertEquals(21, cls(m, "Visible").line());
    }

    @Test
    void typeParametersOfPython312() {
      PyModule m =
          scan(
              """
              type Alias[T] = list[T]
              class Box[T: (int, str), *Ts, **P](Base[T]):
                  def get[U](self, default: U) -> T | U: pass
              """);
      PyClass box = cls(m, "Box");
      assertEquals(List.of("Base[T]"), box.bases());
      PyFunction get = method(box, "get");
      assertEquals(List.of("self", "default"), names(get.params()));
      assertEquals("T | U", get.returns());
    }

    @Test
    void matchStatementAndSoftKeywordsAsNames() {
      PyModule m =
          scan(
              """
              class K:
                  match = 1
                  type = "t"
                  case: int = 0

              match command.split():
                  case [x]:
                      pass
                  case _:
                      pass

              class After:
                  pass
              """);
      PyClass k = cls(m, "K");
      assertEquals(
          List.of("match", "type"), k.assignments().stream().map(PyAssignment::name).toList());
      assertEquals("case", k.fields().get(0).name());
      assertEquals(12, cls(m, "After").line());
    }
  }

  @Nested
  class Functions {
    @Test
    void kindsAndMarkers() {
      PyModule m =
          scan(
              """
              class T:
                  def f(self, a, /, b, c=1, *args, d, e=2, **kwargs): pass
                  def g(a, *, b): pass
                  def h(a, b=2, /): pass
                  def i(*, kw_only): pass
                  def j(): pass
                  def k(a,): pass
              """);
      PyClass t = cls(m, "T");
      PyFunction f = method(t, "f");
      assertEquals(List.of("self", "a", "b", "c", "args", "d", "e", "kwargs"), names(f.params()));
      assertEquals(
          List.of(
              Kind.POSITIONAL_ONLY,
              Kind.POSITIONAL_ONLY,
              Kind.POSITIONAL_OR_KEYWORD,
              Kind.POSITIONAL_OR_KEYWORD,
              Kind.VAR_POSITIONAL,
              Kind.KEYWORD_ONLY,
              Kind.KEYWORD_ONLY,
              Kind.VAR_KEYWORD),
          kinds(f.params()));
      assertEquals("1", param(f, "c").defaultValue());
      assertTrue(param(f, "d").required());
      assertFalse(param(f, "e").required());
      assertFalse(param(f, "args").required());
      assertFalse(param(f, "kwargs").required());
      assertEquals(
          List.of(Kind.POSITIONAL_OR_KEYWORD, Kind.KEYWORD_ONLY), kinds(method(t, "g").params()));
      assertEquals(
          List.of(Kind.POSITIONAL_ONLY, Kind.POSITIONAL_ONLY), kinds(method(t, "h").params()));
      assertEquals("2", param(method(t, "h"), "b").defaultValue());
      assertEquals(List.of(Kind.KEYWORD_ONLY), kinds(method(t, "i").params()));
      assertEquals(List.of(), method(t, "j").params());
      assertEquals(List.of("a"), names(method(t, "k").params()));
    }

    @Test
    void decoratorsAsyncAndLines() {
      PyModule m =
          scan(
              """
              class T(Tool):
                  @staticmethod
                  def s(): pass

                  @classmethod
                  @functools.lru_cache(maxsize=None)
                  def c(cls): pass

                  @staticmethod
                  async def a(x: int) -> "List[int]":
                      await something()

                  def plain(self): pass
              """);
      PyClass t = cls(m, "T");
      PyFunction s = method(t, "s");
      assertEquals(List.of("staticmethod"), s.decorators());
      assertEquals(3, s.line());
      assertFalse(s.async());
      PyFunction c = method(t, "c");
      assertEquals(List.of("classmethod", "functools.lru_cache(maxsize=None)"), c.decorators());
      assertEquals(7, c.line());
      PyFunction a = method(t, "a");
      assertTrue(a.async());
      assertEquals(10, a.line());
      assertEquals("\"List[int]\"", a.returns());
      assertEquals("int", param(a, "x").annotation());
      assertEquals(List.of(), method(t, "plain").decorators());
      assertNull(method(t, "plain").returns());
    }

    @Test
    void multiLineSignatureWithAnnotationsAndComments() {
      PyModule m =
          scan(
              """
              class T:
                  @staticmethod
                  def run(
                      cmd: List[str],            # the argv
                      env: Dict[str, List["X"]] = None,
                      *rest: int,
                      check: bool = True,  # raise on failure
                      **extra: Any,
                  ) -> Optional[
                      "CompletedProcess"
                  ]:
                      pass
              """);
      PyFunction run = method(cls(m, "T"), "run");
      assertEquals(3, run.line());
      assertEquals(
          List.of(
              new PyParam("cmd", Kind.POSITIONAL_OR_KEYWORD, "List[str]", null),
              new PyParam("env", Kind.POSITIONAL_OR_KEYWORD, "Dict[str, List[\"X\"]]", "None"),
              new PyParam("rest", Kind.VAR_POSITIONAL, "int", null),
              new PyParam("check", Kind.KEYWORD_ONLY, "bool", "True"),
              new PyParam("extra", Kind.VAR_KEYWORD, "Any", null)),
          run.params());
      assertEquals("Optional[\n        \"CompletedProcess\"\n    ]", run.returns());
    }

    @Test
    void defaultsThatAreArbitraryExpressions() {
      PyModule m =
          scan(
              """
              class T:
                  def f(
                      a=call(1, 2),
                      b=[1, (2, 3)],
                      c={"k": "v,)"},
                      d="a, b)",
                      e=lambda x, y=1: (x, y),
                      f=lambda: 0,
                      g=x if y else z,
                      h=-1.5e-3,
                      i=r'\\d+(,\\d+)*',
                      j=f"{a!r:>{width}}, ",
                      k=a[1:2],
                      l=not x,
                      m=b'\\x00',
                      n: int | None = None,
                      o: "int" = 0o644,
                  ): pass
              """);
      PyFunction f = method(cls(m, "T"), "f");
      assertEquals(
          List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o"),
          names(f.params()));
      List<String> defaults = f.params().stream().map(PyParam::defaultValue).toList();
      assertEquals(
          List.of(
              "call(1, 2)",
              "[1, (2, 3)]",
              "{\"k\": \"v,)\"}",
              "\"a, b)\"",
              "lambda x, y=1: (x, y)",
              "lambda: 0",
              "x if y else z",
              "-1.5e-3",
              "r'\\d+(,\\d+)*'",
              "f\"{a!r:>{width}}, \"",
              "a[1:2]",
              "not x",
              "b'\\x00'",
              "None",
              "0o644"),
          defaults);
      assertEquals("int | None", param(f, "n").annotation());
      assertEquals("\"int\"", param(f, "o").annotation());
    }

    @Test
    void bodiesAreSkippedWithTheirStringsAndBrackets() {
      PyModule m =
          scan(
              """
              class T:
                  def f(self):
                      s = \"""
              class NotAClass:
                  def not_a_method(self): pass
              \"""
                      t = (1,
                  2)  # a bracket lets a line start anywhere
                      u = "def fake(): pass" + '\\'' + "x" \\
                          + "y"
                      def inner():
                          class InnerClass:
                              pass
                      return s

                  def g(self): pass
              """);
      PyClass t = cls(m, "T");
      assertEquals(List.of("f", "g"), t.methods().stream().map(PyFunction::name).toList());
      assertEquals(List.of(), t.nested());
      assertEquals(16, method(t, "g").line());
      assertEquals(1, m.classes().size());
    }

    @Test
    void moduleFunctionsAreNotMethods() {
      PyModule m =
          scan(
              """
              def top(): pass
              async def atop(): pass
              class T:
                  def m(self): pass
              """);
      assertEquals(List.of("m"), cls(m, "T").methods().stream().map(PyFunction::name).toList());
    }
  }

  @Nested
  class Bodies {
    @Test
    void dataclassFields() {
      PyModule m =
          scan(
              """
              @dataclass
              class D:
                  \"""Fields in order.\"""
                  name: str
                  size: int = 0
                  tags: List[str] = field(default_factory=list)
                  parent: "Optional[D]" = None
                  mapping: Dict[
                      str, int
                  ] = field(default_factory=dict)
                  ClassVar_x: ClassVar[int] = 3

                  def total(self) -> int:
                      return self.size
              """);
      PyClass d = cls(m, "D");
      assertEquals(
          List.of(
              new PyField("name", "str", null, 4),
              new PyField("size", "int", "0", 5),
              new PyField("tags", "List[str]", "field(default_factory=list)", 6),
              new PyField("parent", "\"Optional[D]\"", "None", 7),
              new PyField(
                  "mapping", "Dict[\n        str, int\n    ]", "field(default_factory=dict)", 8),
              new PyField("ClassVar_x", "ClassVar[int]", "3", 11)),
          d.fields());
      assertEquals(List.of(), d.assignments());
    }

    @Test
    void enumMembersAndConstants() {
      PyModule m =
          scan(
              """
              class Colour(Enum):
                  RED = 1
                  GREEN = "green"
                  BLUE = auto()
                  A = B = (3, "x")
                  LAMBDA = lambda x=1: x
                  _ignore_ = ["tmp"]

                  def describe(self):
                      return self.name
              """);
      PyClass c = cls(m, "Colour");
      assertEquals(
          List.of(
              new PyAssignment("RED", "1", 2),
              new PyAssignment("GREEN", "\"green\"", 3),
              new PyAssignment("BLUE", "auto()", 4),
              new PyAssignment("A", "(3, \"x\")", 5),
              new PyAssignment("B", "(3, \"x\")", 5),
              new PyAssignment("LAMBDA", "lambda x=1: x", 6),
              new PyAssignment("_ignore_", "[\"tmp\"]", 7)),
          c.assignments());
    }

    @Test
    void multiLineAssignmentKeepsItsText() {
      PyModule m =
          scan(
              """
              class C:
                  TABLE = {
                      "a": 1,  # first
                      "b": 2,
                  }
                  NEXT = \\
                      5
              """);
      PyClass c = cls(m, "C");
      assertEquals(
          "{\n        \"a\": 1,  # first\n        \"b\": 2,\n    }",
          c.assignments().get(0).value());
      assertEquals(new PyAssignment("NEXT", "5", 6), c.assignments().get(1));
    }

    @Test
    void classSyntaxNamedTuple() {
      PyModule m =
          scan(
              """
              class P(NamedTuple):
                  x: int
                  y: str = "a"
              """);
      PyClass p = cls(m, "P");
      assertEquals(List.of("NamedTuple"), p.bases());
      assertEquals(
          List.of(new PyField("x", "int", null, 2), new PyField("y", "str", "\"a\"", 3)),
          p.fields());
    }
  }

  @Nested
  class NamedTuples {
    private PyClass only(String source) {
      PyModule m = scan(source);
      assertEquals(1, m.classes().size(), m.toString());
      PyClass c = m.classes().get(0);
      assertEquals(List.of("namedtuple"), c.bases());
      assertEquals(List.of(), c.methods());
      return c;
    }

    private static List<PyField> untyped(int line, String... names) {
      return Arrays.stream(names).map(n -> new PyField(n, null, null, line)).toList();
    }

    @Test
    void spaceSeparatedString() {
      PyClass p = only("from collections import namedtuple\nP = namedtuple(\"P\", \"x y\")\n");
      assertEquals("P", p.name());
      assertEquals("P", p.qualifiedName());
      assertEquals(2, p.line());
      assertEquals(untyped(2, "x", "y"), p.fields());
    }

    @Test
    void commaSeparatedString() {
      assertEquals(untyped(1, "x", "y", "z"), only("P = namedtuple('P', 'x, y,z')\n").fields());
    }

    @Test
    void listOfNamesWithModulePrefix() {
      PyClass p = only("import collections\n\nP = collections.namedtuple(\"P\", [\"x\", \"y\"])\n");
      assertEquals(untyped(3, "x", "y"), p.fields());
    }

    @Test
    void tupleOfNamesOverLines() {
      assertEquals(
          untyped(1, "host", "port"),
          only("Addr = namedtuple(\n    'Addr',\n    ('host',  # name\n     'port'),\n)\n")
              .fields());
    }

    @Test
    void defaultsApplyToTheRightmostFields() {
      PyClass p = only("P = namedtuple('P', 'a b c', defaults=(None, [1, 2]))\n");
      assertEquals(
          List.of(
              new PyField("a", null, null, 1),
              new PyField("b", null, "None", 1),
              new PyField("c", null, "[1, 2]", 1)),
          p.fields());
    }

    @Test
    void typingFunctionalForm() {
      PyClass p = only("P = typing.NamedTuple(\"P\", [(\"x\", int), (\"y\", List[str])])\n");
      assertEquals(
          List.of(new PyField("x", "int", null, 1), new PyField("y", "List[str]", null, 1)),
          p.fields());
    }

    @Test
    void typingKeywordForm() {
      PyClass p = only("P = NamedTuple('P', x=int, y='Optional[str]')\n");
      assertEquals(
          List.of(new PyField("x", "int", null, 1), new PyField("y", "'Optional[str]'", null, 1)),
          p.fields());
    }

    @Test
    void otherCallsAreNotNamedTuples() {
      PyModule m =
          scan(
              """
              P = namedtuple("P", "x")._replace
              Q = make_namedtuple("Q", "x")
              R = namedtuple
              S = namedtuple("S", "x") + 1
              """);
      assertEquals(List.of(), m.classes());
    }

    @Test
    void insideAClassItIsNested() {
      PyModule m = scan("class T:\n    P = namedtuple('P', 'a')\n    X = 1\n");
      PyClass t = cls(m, "T");
      assertEquals(List.of("T.P"), t.nested().stream().map(PyClass::qualifiedName).toList());
      assertEquals(List.of(new PyAssignment("X", "1", 3)), t.assignments());
    }

    @Test
    void namesFromAVariableAreUnknown() {
      assertEquals(List.of(), only("P = namedtuple('P', FIELDS)\n").fields());
    }
  }
}
