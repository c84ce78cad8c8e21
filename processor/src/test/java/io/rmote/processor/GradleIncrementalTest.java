package io.rmote.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.Test;

/**
 * The processor declares its Gradle incremental-processing category, {@code aggregating} (the
 * reasons are in docs/processor.md, "Building with it"), in the class-path root that holds the
 * processor class, where Gradle looks: a jar once packaged, the class output under {@code mvn
 * test}. ConsumerProjectTest (samples) reads the same entry from the installed jar.
 */
class GradleIncrementalTest {
  static final String FILE = "META-INF/gradle/incremental.annotation.processors";

  @Test
  void theProcessorIsDeclaredAggregatingBesideItsClass() throws Exception {
    List<String> lines = read(FILE).lines().filter(l -> !l.isBlank()).toList();
    assertEquals(List.of(RemoteToolProcessor.class.getName() + ",aggregating"), lines);
    // The name Gradle reads is a processor the compiler finds through the services file.
    String name = lines.get(0).substring(0, lines.get(0).indexOf(','));
    assertTrue(Processor.class.isAssignableFrom(Class.forName(name)), name);
    assertTrue(
        read("META-INF/services/javax.annotation.processing.Processor")
            .lines()
            .anyMatch(name::equals),
        "the processor is not registered for javac");
  }

  /** The entry of the class-path root that holds {@link RemoteToolProcessor}. */
  private static String read(String entry) throws IOException, URISyntaxException {
    Path root =
        Path.of(
            RemoteToolProcessor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isDirectory(root)) {
      Path file = root.resolve(entry);
      assertTrue(Files.isRegularFile(file), file + " is missing");
      return Files.readString(file, StandardCharsets.UTF_8);
    }
    try (JarFile jar = new JarFile(root.toFile())) {
      ZipEntry e = jar.getEntry(entry);
      assertTrue(e != null, root + " has no " + entry);
      try (InputStream in = jar.getInputStream(e)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }
}
