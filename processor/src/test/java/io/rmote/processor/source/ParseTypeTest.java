package io.rmote.processor.source;

import static io.rmote.processor.source.ScannerFixtures.t;
import static io.rmote.processor.source.ScannerFixtures.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParseTypeTest {

  @Test
  void plainNames() {
    assertEquals(t("int"), type("int"));
    assertEquals(t("None"), type("None"));
    assertEquals(t("str"), type("  str\n"));
  }

  @Test
  void nestedSubscripts() {
    assertEquals(t("List", t("Dict", t("str"), t("int"))), type("List[Dict[str, int]]"));
    assertEquals(t("list", t("str")), type("list[str]"));
    assertEquals(t("dict", t("str"), t("list", t("int"))), type("dict[str, list[int]]"));
  }

  @Test
  void dottedHeadsKeepTheirLastPart() {
    assertEquals(t("Optional", t("int")), type("typing.Optional[int]"));
    assertEquals(t("Path"), type("pathlib.Path"));
    assertEquals(t("datetime"), type("datetime.datetime"));
    assertEquals(t("List", t("State")), type("t.List[\"EnumTool.State\"]"));
  }

  @Test
  void stringAnnotationsAreParsedAsTheirContent() {
    assertEquals(t("DiskInfo"), type("\"DiskInfo\""));
    assertEquals(t("DiskInfo"), type("'DiskInfo'"));
    assertEquals(t("list", t("str")), type("\"list[str]\""));
    assertEquals(t("List", t("DiskInfo")), type("List[\"DiskInfo\"]"));
    assertEquals(t("Dict", t("str"), t("List", t("X"))), type("Dict[str, List[\"X\"]]"));
    assertEquals(t("Optional", t("List", t("X"))), type("\"Optional[List['X']]\""));
    // Implicit concatenation is one string, as Python reads it.
    assertEquals(t("Optional", t("int")), type("'Optional[' 'int]'"));
    assertEquals(t("Union", t("int"), t("None")), type("\"\"\"int | None\"\"\""));
  }

  @Test
  void barUnionsBecomeUnion() {
    assertEquals(t("Union", t("int"), t("None")), type("int | None"));
    assertEquals(t("Union", t("int"), t("str"), t("None")), type("int | str | None"));
    assertEquals(t("Union", t("int"), t("str"), t("None")), type("Union[int, str] | None"));
    assertEquals(t("list", t("Union", t("int"), t("str"))), type("list[int | str]"));
    assertEquals(t("Union", t("int"), t("str"), t("bytes")), type("int | (str | bytes)"));
  }

  @Test
  void callableAndEllipsis() {
    assertEquals(
        t("Callable", t("[]", t("int"), t("str")), t("bool")), type("Callable[[int, str], bool]"));
    assertEquals(t("Callable", t("[]"), t("None")), type("Callable[[], None]"));
    assertEquals(t("Callable", t("..."), t("int")), type("Callable[..., int]"));
    assertEquals(t("Tuple", t("int"), t("...")), type("Tuple[int, ...]"));
    assertEquals(t("Tuple", t("()")), type("Tuple[()]"));
  }

  @Test
  void literalAndAnnotatedKeepValuesAsWritten() {
    assertEquals(
        t("Literal", t("\"r\""), t("'w'"), t("-1"), t("None")),
        type("Literal[\"r\", 'w', -1, None]"));
    assertEquals(
        t("Annotated", t("int"), t("Field(gt=0, le=[1, 2])"), t("'doc text'")),
        type("Annotated[int, Field(gt=0, le=[1, 2]), 'doc text']"));
  }

  @Test
  void layoutAndTrailingCommas() {
    assertEquals(t("Dict", t("str"), t("int")), type("Dict[\n    str,  # keys\n    int,\n]"));
    assertEquals(t("Union", t("int"), t("None")), type("(int | None)"));
  }

  @Test
  void toStringShowsTheTree() {
    assertEquals("Dict[str, List[X]]", type("Dict[str, List['X']]").toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "List[",
        "List[int",
        "int str",
        "List[int str]",
        "[int",
        "'unterminated",
        "int |",
        "f'x'",
        "1"
      })
  void unreadableAnnotationsAreErrors(String annotation) {
    PythonSyntaxException e =
        assertThrows(PythonSyntaxException.class, () -> PythonScanner.parseType(annotation));
    assertTrue(e.getMessage().startsWith("line 1: "), e.getMessage());
  }

  @Test
  void errorsCarryTheSourceLineWhenGiven() {
    PythonSyntaxException e =
        assertThrows(
            PythonSyntaxException.class, () -> PythonScanner.parseType("Dict[\n str,, int]", 40));
    assertEquals(41, e.line());
    assertTrue(e.getMessage().contains("unexpected ','"), e.getMessage());
  }
}
