package io.rmote.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Builds a Maven project of one's own exactly as the README sets it up, and runs it: the README's
 * {@code pom.xml} block (marked {@code <!-- consumer project: pom.xml -->}) inside a bare project,
 * the README's Python tool, its {@code SystemTool} interface and its typed quick start, built by
 * the real {@code mvn} (offline, against the local repository of the outer build) and run with a
 * local {@code python3}. A build that passes without generating the proxy fails here, not at run
 * time.
 *
 * <p>The consumer build takes the rmote artifacts from the local repository, so they must be
 * installed there first: {@code mvn install} (as {@code .ci/test} runs it) installs every module
 * before the samples' tests run. Under {@code mvn test}, or when this version is not installed, the
 * build test is skipped with a message saying so.
 */
class ConsumerProjectTest {
  private static final Path TOP = ReadmeTest.TOP;
  private static final String MARKER = "<!-- consumer project: pom.xml -->";
  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");
  private static final List<String> ARTIFACTS =
      List.of("rmote-annotations", "rmote-processor", "rmote-runtime", "rmote-tools-python");

  /** The {@code xml} block after the marker comment. */
  static String pomBlock() throws IOException {
    List<String> lines = Files.readString(TOP.resolve("README.md")).lines().toList();
    int marker = lines.indexOf(MARKER);
    assertTrue(marker >= 0, "README.md has no " + MARKER);
    assertEquals("```xml", lines.get(marker + 1), "the marker belongs right before the block");
    StringBuilder text = new StringBuilder();
    for (int i = marker + 2; !lines.get(i).startsWith("```"); i++) {
      text.append(lines.get(i)).append('\n');
    }
    return text.toString();
  }

  /** The text of the README's block whose sample comment names {@code sample}. */
  static String readmeBlock(String sample) throws IOException {
    String comment = "<!-- sample: " + sample + " -->";
    return ReadmeTest.blocks("README.md").stream()
        .filter(b -> comment.equals(b.sample()))
        .map(ReadmeTest.Block::text)
        .findFirst()
        .orElseThrow(() -> new AssertionError("README.md has no block " + comment));
  }

  private static String pluginVersion(String pom, String artifactId) {
    Matcher m =
        Pattern.compile(
                "<artifactId>"
                    + artifactId
                    + "</artifactId>\\s*(?:<!--.*?-->\\s*)?"
                    + "<version>([^<]+)</version>")
            .matcher(pom);
    return m.find() ? m.group(1) : null;
  }

  private static String projectVersion() throws IOException {
    Matcher v =
        Pattern.compile("<artifactId>rmote-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(Files.readString(TOP.resolve("pom.xml")));
    assertTrue(v.find(), "no version in pom.xml");
    return v.group(1);
  }

  /**
   * The failure a bare Maven 3.8 build hid: with no version, the compiler plugin is 3.1, which
   * cannot compile for 17 and ignores {@code annotationProcessorPaths}.
   */
  @Test
  void theReadmeBlockNamesEverythingAConsumerNeeds() throws IOException {
    String block = pomBlock();
    String pom = Files.readString(TOP.resolve("pom.xml"));
    assertEquals(
        pluginVersion(pom, "maven-compiler-plugin"),
        pluginVersion(block, "maven-compiler-plugin"),
        "the README's compiler plugin should have the version the build uses:\n" + block);
    assertTrue(block.contains("<release>17</release>"), block);
    for (String a : ARTIFACTS) {
      assertTrue(
          block.contains("<artifactId>" + a + "</artifactId>"),
          "the README's Maven block does not name " + a);
    }
    assertTrue(block.contains("<annotationProcessorPaths>"), block);
    assertTrue(
        block.contains("<artifactId>rmote-bom</artifactId>")
            && block.contains("<scope>import</scope>"),
        "the README's Maven block should import rmote-bom:\n" + block);
    String readme = Files.readString(TOP.resolve("README.md"));
    assertTrue(
        readme.contains("`mvn -q install -DskipTests`"),
        "the README should say how to install the artifacts");
  }

  /** The BOM manages every published module, at the version the build makes. */
  @Test
  void theBomManagesEveryPublishedModule() throws IOException {
    String bom = Files.readString(TOP.resolve("bom/pom.xml"));
    Matcher v =
        Pattern.compile("<artifactId>rmote-bom</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(bom);
    assertTrue(v.find(), "no version in bom/pom.xml");
    assertEquals(projectVersion(), v.group(1), "the BOM's version should follow the parent's");
    List<String> managed = new ArrayList<>();
    Matcher a = Pattern.compile("<artifactId>(rmote-[a-z-]+)</artifactId>").matcher(bom);
    while (a.find()) if (!a.group(1).equals("rmote-bom")) managed.add(a.group(1));
    assertEquals(
        ARTIFACTS.stream().sorted().toList(), managed.stream().sorted().toList(), "in the BOM");
  }

  /**
   * The processor jar a Gradle build takes declares the processor's incremental category
   * (docs/processor.md, "Building with it"); GradleIncrementalTest checks the class output.
   */
  @Test
  void theInstalledProcessorJarDeclaresItsGradleCategory() throws IOException {
    Path jar = installed("rmote-processor", ".jar");
    try (JarFile j = new JarFile(jar.toFile())) {
      ZipEntry e = j.getEntry("META-INF/gradle/incremental.annotation.processors");
      assertTrue(e != null, jar + " has no Gradle declaration");
      try (InputStream in = j.getInputStream(e)) {
        assertEquals(
            "io.rmote.processor.RemoteToolProcessor,aggregating",
            new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
      }
    }
  }

  /** The installed artifact, or the test is skipped saying how to install it. */
  private static Path installed(String artifact, String extension) throws IOException {
    String version = projectVersion();
    Path file =
        localRepository()
            .resolve(
                "io/rmote/"
                    + artifact
                    + "/"
                    + version
                    + "/"
                    + artifact
                    + "-"
                    + version
                    + extension);
    Assumptions.assumeTrue(
        Files.isRegularFile(file),
        "skipped: "
            + file
            + " is not installed; run `mvn install` (as .ci/test does) to build a consumer"
            + " project against it");
    return file;
  }

  private static Path localRepository() {
    String repoProperty = System.getProperty("maven.repo.local");
    return repoProperty != null && !repoProperty.isBlank()
        ? Path.of(repoProperty)
        : Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  @Test
  void aProjectSetUpFromTheReadmeBuildsAndRuns() throws Exception {
    Path repo = localRepository();
    for (String a : ARTIFACTS) installed(a, ".jar");
    installed("rmote-bom", ".pom");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String pom = Files.readString(TOP.resolve("pom.xml"));
    String dependencyPlugin = pluginVersion(pom, "maven-dependency-plugin");

    Path dir = Files.createTempDirectory("rmote-consumer-");
    try {
      Files.writeString(
          dir.resolve("pom.xml"),
          "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
              + "<modelVersion>4.0.0</modelVersion>\n"
              + "<groupId>com.example</groupId>\n"
              + "<artifactId>consumer</artifactId>\n"
              + "<version>1</version>\n"
              + "<properties>\n"
              + "  <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>\n"
              + "</properties>\n"
              + pomBlock().replace("<build>\n", "<build>\n" + pinnedPlugins(pom))
              + "</project>\n");
      write(
          dir.resolve("src/main/resources/tools/system_tool.py"),
          readmeBlock("samples/src/main/resources/tools/system_tool.py"));
      write(
          dir.resolve("src/main/java/com/example/SystemTool.java"),
          "package com.example;\n\n"
              + "import io.rmote.annotations.RemoteTool;\n"
              + "import java.util.concurrent.CompletableFuture;\n\n"
              + readmeBlock("samples/src/main/java/io/rmote/samples/SystemTool.java#tool"));
      write(
          dir.resolve("src/main/java/com/example/Main.java"),
          "package com.example;\n\n"
              + "import io.rmote.Remote;\n"
              + "import java.util.concurrent.CompletableFuture;\n\n"
              + "public class Main {\n"
              + "  public static void main(String[] args) {\n"
              + readmeBlock("samples/src/main/java/io/rmote/samples/QuickStart.java#typed")
              // The built-in tools come from rmote-tools-python, found the same way.
              + "try (Remote remote = Remote.local()) {\n"
              + "  System.out.println(\"builtin: \""
              + " + remote.tool(io.rmote.tools.FileSystem.class).readStr(args[0]));\n"
              + "}\n"
              + "  }\n"
              + "}\n");
      Files.writeString(dir.resolve("answer.txt"), "42");

      Path cp = dir.resolve("classpath.txt");
      String build =
          run(
              dir,
              List.of(
                  "mvn",
                  "-B",
                  "-ntp",
                  "-o",
                  "-Dmaven.repo.local=" + repo,
                  "package",
                  "org.apache.maven.plugins:maven-dependency-plugin:"
                      + dependencyPlugin
                      + ":build-classpath",
                  "-Dmdep.outputFile=" + cp));
      assertTrue(build.startsWith("0\n"), "the consumer build failed:\n" + build);
      assertTrue(
          Files.isRegularFile(dir.resolve("target/classes/com/example/SystemToolProxy.class")),
          "the build passed but generated no proxy:\n" + build);

      String classPath =
          dir.resolve("target/classes") + File.pathSeparator + Files.readString(cp).strip();
      String out =
          run(
              dir,
              List.of(
                  java.toString(),
                  "-cp",
                  classPath,
                  "com.example.Main",
                  dir.resolve("answer.txt").toString()));
      assertTrue(out.startsWith("0\n"), out);
      assertTrue(out.contains(" GB free on /"), out);
      assertTrue(out.contains("/etc/hosts has "), out);
      assertTrue(out.contains(" again, without waiting until join()"), out);
      assertTrue(out.contains("builtin: 42"), out);
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * The README runs each sample with {@code -Dexec.mainClass=...}: the class named there runs, not
   * the tour that {@code exec:java} runs without it (a main class set in the plugin's configuration
   * would silently win over the property).
   */
  @Test
  void theReadmesSampleCommandRunsTheSampleItNames() throws Exception {
    for (String a : ARTIFACTS) installed(a, ".jar");
    String readme = Files.readString(TOP.resolve("README.md"));
    assertTrue(readme.contains("mvn -q -pl samples exec:java -Dexec.mainClass=io.rmote.samples."));
    Path logs = Files.createTempDirectory("rmote-exec-");
    try {
      String out =
          run(
              TOP,
              logs,
              List.of(
                  "mvn",
                  "-B",
                  "-ntp",
                  "-q",
                  "-Dmaven.repo.local=" + localRepository(),
                  "-pl",
                  "samples",
                  "exec:java",
                  "-Dexec.mainClass=io.rmote.samples.QuickStart"));
      assertTrue(out.startsWith("0\n"), out);
      assertTrue(out.contains("== the dynamic API"), out);
      assertFalse(out.contains("Facts, through typed tools"), out);
    } finally {
      deleteTree(logs);
    }
  }

  /**
   * The other plugins of {@code package} at the versions this build uses. Maven's defaults (such as
   * resources 2.6) work online, but the offline repository holds only what this build has needed:
   * pinning them changes nothing the README's block is checked for.
   */
  private static String pinnedPlugins(String pom) {
    StringBuilder s = new StringBuilder("<pluginManagement><plugins>\n");
    for (String p :
        List.of("maven-resources-plugin", "maven-surefire-plugin", "maven-jar-plugin")) {
      s.append("<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>")
          .append(p)
          .append("</artifactId><version>")
          .append(pluginVersion(pom, p))
          .append("</version></plugin>\n");
    }
    return s.append("</plugins></pluginManagement>\n").toString();
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /**
   * Runs the command in {@code dir} and returns its exit code, a newline, then its output without
   * colour codes. Output goes to a file, so a full pipe never blocks the child; a child still
   * running after five minutes is killed and the test fails.
   */
  private static String run(Path dir, List<String> command) throws Exception {
    return run(dir, dir, command);
  }

  /** As {@link #run(Path, List)}, in {@code dir}, with the output kept in {@code logs}. */
  private static String run(Path dir, Path logs, List<String> command) throws Exception {
    Path log = Files.createTempFile(logs, "out-", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(new ArrayList<>(command))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // The consumer build compiles with the JDK this test runs on.
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError(
          String.join(" ", command)
              + " did not end within 5 minutes:\n"
              + Files.readString(log, StandardCharsets.UTF_8));
    }
    String out = ANSI.matcher(Files.readString(log, StandardCharsets.UTF_8)).replaceAll("");
    return p.exitValue() + "\n" + out;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
