package io.rmote.samples.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rmote.Remote;
import io.rmote.python.KeyError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * The generated async twin {@code InventoryAsync} against a live python3: every method of {@link
 * Inventory}, each returning a future, records and varargs as arguments, {@code void} as {@code
 * CompletableFuture<Void>}, and a method already declared as a future keeping its type.
 */
class AsyncTwinTest {

  @Test
  void everyMethodOfTheToolReturnsAFuture() {
    try (Remote remote = Remote.local()) {
      InventoryAsync inventory = remote.tool(InventoryAsync.class);
      assertInstanceOf(InventoryAsyncProxy.class, inventory);
      assertSame(inventory, remote.tool(InventoryAsync.class));
      assertEquals("InventoryAsync on " + remote.name(), inventory.toString());

      CompletableFuture<List<Inventory.Host>> hosts =
          inventory.hosts("web", 3, Inventory.State.DOWN);
      CompletableFuture<String> version = inventory.version();
      assertEquals(3, hosts.join().size());
      assertEquals("inventory 1.0", version.join());

      CompletableFuture<Optional<Inventory.Host>> found = inventory.find("web-2");
      assertEquals("web-2", found.join().orElseThrow().name());

      CompletableFuture<Void> nap = inventory.nap(0.01);
      assertNull(nap.join());
      CompletableFuture<Long> total = inventory.total(1, 2, 3);
      assertEquals(6L, total.join());
      Inventory.Host h = hosts.join().get(0);
      CompletableFuture<Map<String, String>> labels = inventory.labels(h);
      assertEquals("web-0", labels.join().get("name"));
    }
  }

  @Test
  void aRemoteExceptionCompletesTheFutureWithItsMappedClass() {
    try (Remote remote = Remote.local()) {
      CompletionException e =
          assertThrows(
              CompletionException.class,
              () -> remote.tool(InventoryAsync.class).fail("missing").join());
      KeyError k = assertInstanceOf(KeyError.class, e.getCause());
      assertEquals(true, k.getMessage().contains("call Inventory.fail"), k.getMessage());
    }
  }
}
