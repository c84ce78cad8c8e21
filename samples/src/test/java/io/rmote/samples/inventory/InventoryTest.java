package io.rmote.samples.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rmote.CallTimeoutException;
import io.rmote.CompletedProcess;
import io.rmote.MappingException;
import io.rmote.Remote;
import io.rmote.Template;
import io.rmote.python.KeyError;
import io.rmote.python.LookupError;
import io.rmote.python.ModuleNotFoundError;
import io.rmote.testing.Pythons;
import io.rmote.testing.Pythons.Python;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated code, compiled by the real processor in this module's build, against live Pythons (the
 * local python3 and the Debian roots' 3.9 to 3.14 where they exist): a list of records with nested
 * records, a namedtuple and enums inside and outside the tool class, an Optional, a Map, a
 * datetime, a record sent as an argument, keyword-only and *args parameters, an inherited method,
 * and a mapped exception.
 */
class InventoryTest {

  /** Every Python with {@code dataclasses} (3.7 on), which the tool imports. */
  static List<Python> pythons() {
    return Pythons.all().stream().filter(p -> p.atLeast3(7)).toList();
  }

  static List<Python> pythonsWithoutDataclasses() {
    return Pythons.all().stream().filter(p -> !p.atLeast3(7)).toList();
  }

  @ParameterizedTest
  @MethodSource("pythonsWithoutDataclasses")
  void onPython36TheToolsOwnImportFailsClearlyNamingHostToolAndMethod(Python python) {
    try (Remote remote = python.connect()) {
      ModuleNotFoundError e =
          assertThrows(ModuleNotFoundError.class, () -> remote.tool(Inventory.class).version());
      assertEquals(
          "ModuleNotFoundError: No module named 'dataclasses' [host "
              + remote.name()
              + ", call Inventory.version]",
          e.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void theProxyIsTheGeneratedClassAndIsMadeOncePerConnection(Python python) {
    try (Remote remote = python.connect()) {
      Inventory inventory = remote.tool(Inventory.class);
      assertInstanceOf(InventoryProxy.class, inventory);
      assertSame(inventory, remote.tool(Inventory.class));
      assertEquals("Inventory on " + remote.name(), inventory.toString());
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aListOfNestedRecordsWithEnumsOptionalsMapsAndDatetimes(Python python) {
    try (Remote remote = python.connect()) {
      List<Inventory.Host> hosts =
          remote.tool(Inventory.class).hosts("web", 3, Inventory.State.DOWN);
      assertEquals(3, hosts.size());
      Inventory.Host h = hosts.get(1);
      assertEquals("web-1", h.name());
      assertEquals(Inventory.State.DOWN, h.state());
      assertEquals(
          List.of(
              new Mount("/", Kind.DISK, List.of("rw")),
              new Mount("/srv", Kind.NET, List.of("ro", "noexec"))),
          h.mounts());
      assertEquals(new Size(1, 100), h.size());
      assertEquals(LocalDateTime.of(2024, 5, 17, 12, 30, 1), h.seen());
      assertEquals(Map.of("index", "1"), h.labels());
      assertEquals(Optional.of("ops"), h.owner());
      assertEquals(Optional.empty(), hosts.get(0).owner());
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void nullArgumentsLeavePythonsDefaults(Python python) {
    try (Remote remote = python.connect()) {
      List<Inventory.Host> hosts = remote.tool(Inventory.class).hosts("db", null, null);
      assertEquals(2, hosts.size()); // count=2
      assertEquals(Inventory.State.UP, hosts.get(0).state()); // state=None → UP
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void asyncMethodsAndOptionalResults(Python python) {
    try (Remote remote = python.connect()) {
      Inventory inventory = remote.tool(Inventory.class);
      assertEquals("web-2", inventory.find("web-2").join().orElseThrow().name());
      assertEquals(Optional.empty(), inventory.find("nope").join());
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aRecordTravelsAsAnArgumentAndArrivesAsTheDataclass(Python python) {
    try (Remote remote = python.connect()) {
      Inventory inventory = remote.tool(Inventory.class);
      Inventory.Host h = inventory.hosts("app", 1, Inventory.State.DOWN).get(0);
      assertEquals(
          Map.of("index", "0", "name", "app-0", "state", "DOWN", "kind", "net"),
          inventory.labels(h));
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void varargsInheritanceAndDatetimes(Python python) {
    try (Remote remote = python.connect()) {
      Inventory inventory = remote.tool(Inventory.class);
      assertEquals(6, inventory.total(1, 2, 3));
      assertEquals(0, inventory.total());
      assertEquals("inventory 1.0", inventory.version());
      assertEquals(
          LocalDateTime.of(2024, 1, 2, 3, 4, 5),
          inventory.later(LocalDateTime.of(2024, 1, 1, 3, 4, 5), Duration.ofDays(1)));
      assertEquals(
          "x (UP)",
          inventory.describe(
              new Inventory.Host(
                  "x",
                  Inventory.State.UP,
                  List.of(),
                  new Size(0, 0),
                  null,
                  Map.of(),
                  Optional.empty())));
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aCompletedProcessComesBackAndATemplateRendersOnTheRemote(Python python) {
    try (Remote remote = python.connect()) {
      Inventory inventory = remote.tool(Inventory.class);
      CompletedProcess p = inventory.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
      assertEquals(3, p.returnCode());
      assertEquals("out\n", p.stdout());
      assertEquals("err\n", p.stderr());
      assertEquals(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), p.args());
      assertEquals("Hello, Ada!", inventory.render(Template.of("Hello, ${name}!"), "Ada"));
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aRemoteExceptionArrivesAsItsMappedClassNamingToolAndMethod(Python python) {
    try (Remote remote = python.connect()) {
      KeyError e = assertThrows(KeyError.class, () -> remote.tool(Inventory.class).fail("missing"));
      assertInstanceOf(LookupError.class, e);
      assertTrue(e.getMessage().contains("missing"), e.getMessage());
      assertTrue(
          e.getMessage().contains("[host " + remote.name() + ", call Inventory.fail]"),
          e.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("pythons")
  void aValueThatBreaksItsAnnotationFailsClearlyAndTheConnectionGoesOn(Python python) {
    try (Remote remote = python.connect()) {
      Inventory inventory = remote.tool(Inventory.class);
      MappingException e = assertThrows(MappingException.class, inventory::brokenSize);
      assertEquals("result.used", e.path());
      assertEquals(
          "at result.used: field 'used' of Size is missing or None, which its primitive component cannot"
              + " hold [host "
              + remote.name()
              + ", call Inventory.broken_size]",
          e.getMessage());
      assertEquals("inventory 1.0", inventory.version());
    }
  }

  @Test
  void aProxyBuiltWithATimeoutAppliesItToEveryCall() {
    try (Remote remote = Pythons.local().connect()) {
      Inventory patient = remote.tool(Inventory.class);
      // Seconds, not milliseconds: a loaded CI machine can stall a JVM for a second or two.
      Inventory hasty = new InventoryProxy(remote, Duration.ofSeconds(5));
      CallTimeoutException e = assertThrows(CallTimeoutException.class, () -> hasty.nap(60));
      assertTrue(e.getMessage().contains("Inventory.nap"), e.getMessage());
      patient.nap(5.5); // no timeout of its own: the connection's default (none)
      assertEquals("inventory 1.0", hasty.version());
    }
  }

  @Test
  void theProxyRunsExactlyTheSourceThatWasChecked() throws IOException {
    String checked =
        Files.readString(Path.of("src/test/resources/tools/inventory.py"), StandardCharsets.UTF_8);
    assertEquals(checked, InventoryProxy.TOOL.source());
    assertEquals("tools/inventory.py", InventoryProxy.TOOL.sourceName());
    try (InputStream in =
        InventoryProxy.class.getClassLoader().getResourceAsStream("tools/inventory.py")) {
      assertEquals(checked, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
