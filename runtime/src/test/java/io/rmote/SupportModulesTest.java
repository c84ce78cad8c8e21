package io.rmote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.python.RuntimeError;
import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Support modules (docs/tools.md): sent once per connection, only to connections whose tools need
 * them, and importable there.
 */
class SupportModulesTest {
  static final ToolDescriptor LOADED =
      ToolDescriptor.fromSource(
          "tools/loaded.py",
          "import sys\n"
              + "import rmote.protocol\n"
              + "class Loaded(Tool):\n"
              + "    @staticmethod\n"
              + "    def support():\n"
              + "        return sorted(n for n in sys.modules if n.startswith('rmote.support.'))\n"
              + "    @staticmethod\n"
              + "    def protocol():\n"
              + "        return sorted(n for n in dir(rmote.protocol) if not n.startswith('_'))\n",
          "Loaded");

  static final ToolDescriptor COUNTED_FROM =
      ToolDescriptor.fromSource(
          "tools/counted_from.py",
          "from rmote.support.counted_for_test import LOADS\n"
              + "class CountedFrom(Tool):\n"
              + "    @staticmethod\n"
              + "    def loads():\n"
              + "        return LOADS\n",
          "CountedFrom");

  static final ToolDescriptor COUNTED_IMPORT =
      ToolDescriptor.fromSource(
          "tools/counted_import.py",
          "class CountedImport(Tool):\n"
              + "    @staticmethod\n"
              + "    def loads():\n"
              + "        import rmote.support.counted_for_test\n"
              + "        return rmote.support.counted_for_test.LOADS\n",
          "CountedImport");

  static final ToolDescriptor FILES =
      ToolDescriptor.fromSource(
          "tools/files.py",
          "from rmote.support.files import unified_diff\n"
              + "class Files(Tool):\n"
              + "    @staticmethod\n"
              + "    def diff(a, b):\n"
              + "        return unified_diff('p', a, b)\n",
          "Files");

  static final ToolDescriptor RENDERS =
      ToolDescriptor.fromSource(
          "tools/renders.py",
          "class Renders(Tool):\n"
              + "    @staticmethod\n"
              + "    def hello(name):\n"
              + "        return render_template('Hello ${name}', name=name)\n"
              + "    @staticmethod\n"
              + "    def given(t):\n"
              + "        return t.render(name='given')\n",
          "Renders");

  /** Renders a template it is given, without naming the class: no engine comes with it. */
  static final ToolDescriptor RENDERS_BLIND =
      ToolDescriptor.fromSource(
          "tools/renders_blind.py",
          "class Blind(Tool):\n"
              + "    @staticmethod\n"
              + "    def given(t):\n"
              + "        return t.render(name='given')\n",
          "Blind");

  static List<Python> pythons() {
    return Pythons.all();
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aConnectionGetsOnlyTheSupportModulesItsToolsNeed(Python python) {
    try (Remote remote = python.connect()) {
      assertEquals(List.of(), remote.call(LOADED, "support", List.class));
      assertEquals(
          List.of("Template", "Tool", "exit_after_reply", "process", "render_template"),
          remote.call(LOADED, "protocol", List.class));
      assertEquals(
          "--- p\n+++ p\n@@ -1 +1 @@\n-a\n+b\n",
          remote.call(FILES, "diff", String.class, "a\n", "b\n"));
      assertEquals(
          List.of("rmote.support.files", "rmote.support.locks"),
          remote.call(LOADED, "support", List.class));
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aSupportModuleIsSentOncePerConnection(Python python) {
    try (Remote remote = python.connect()) {
      assertEquals(1L, remote.call(COUNTED_FROM, "loads", Long.class));
      assertEquals(1L, remote.call(COUNTED_IMPORT, "loads", Long.class));
      assertEquals(1L, remote.call(COUNTED_FROM, "loads", Long.class));
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aToolThatMentionsTemplatesGetsTheEngine(Python python) {
    try (Remote remote = python.connect()) {
      assertEquals("Hello you", remote.call(RENDERS, "hello", String.class, "you"));
      assertEquals(
          "Hello given", remote.call(RENDERS, "given", String.class, Template.of("Hello ${name}")));
      assertEquals(
          "Hello given",
          remote.call(RENDERS_BLIND, "given", String.class, Template.of("Hello ${name}")));
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void renderingWithoutTheEngineSaysWhatIsMissing(Python python) {
    try (Remote remote = python.connect()) {
      RuntimeError e =
          assertThrows(
              RuntimeError.class,
              () ->
                  remote.call(RENDERS_BLIND, "given", String.class, Template.of("Hello ${name}")));
      assertTrue(e.getMessage().contains("rmote.support.template"), e.getMessage());
    }
  }

  @Test
  void aMissingSupportModuleFailsTheDescriptorNamingBoth() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ToolDescriptor.fromSource(
                    "tools/lost.py", "from rmote.support.nowhere_for_test import x\n", "Lost"));
    assertTrue(e.getMessage().contains("tools/lost.py"), e.getMessage());
    assertTrue(e.getMessage().contains("rmote.support.nowhere_for_test"), e.getMessage());
    assertTrue(e.getMessage().contains("rmote/support/nowhere_for_test.py"), e.getMessage());
  }

  @Test
  void toolSourcesAreKeyedByValueSoOneFileIsSyncedOnce() {
    ToolDescriptor.ToolSource a =
        ToolDescriptor.fromSource("tools/k.py", "class K(Tool):\n    pass\n", "K").toolSource();
    ToolDescriptor.ToolSource b =
        ToolDescriptor.fromSource("tools/k.py", "class K(Tool):\n    pass\n", "K").toolSource();
    ToolDescriptor.ToolSource other =
        ToolDescriptor.fromSource("tools/k.py", "class K(Tool):\n    x = 1\n", "K").toolSource();
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertTrue(!a.equals(other));
    assertTrue(!a.equals(new ToolDescriptor.ToolSource("tools/j.py", a.text(), a.support())));
  }
}
