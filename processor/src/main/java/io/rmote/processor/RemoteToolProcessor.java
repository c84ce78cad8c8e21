package io.rmote.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import io.rmote.annotations.RemoteTool;
import io.rmote.processor.generate.EnumCodecWriter;
import io.rmote.processor.generate.ProxyWriter;
import io.rmote.processor.generate.RecordCodecWriter;
import io.rmote.processor.model.ModelBuilder;
import io.rmote.processor.model.RecordModel;
import io.rmote.processor.model.ToolInterface;
import io.rmote.processor.report.Messages;
import io.rmote.processor.report.Reporter;
import io.rmote.processor.source.PyModule;
import io.rmote.processor.source.PythonScanner;
import io.rmote.processor.source.PythonSyntaxException;
import io.rmote.processor.source.VersionScanner;
import io.rmote.processor.source.VersionUse;
import io.rmote.processor.validate.BoundTool;
import io.rmote.processor.validate.RequiresPython;
import io.rmote.processor.validate.ToolValidator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The {@code @RemoteTool} processor. Per interface: find and scan its Python source (stage one,
 * {@code io.rmote.processor.source}), build the Java model and check it against the Python ({@code
 * model}, {@code validate}), and write the proxy and the codecs ({@code generate}). At the end of
 * the compilation it lists every proxy's provider in {@code
 * META-INF/services/io.rmote.internal.RemoteToolProvider}, merged with what the class output
 * already lists.
 */
@AutoService(Processor.class)
public final class RemoteToolProcessor extends AbstractProcessor {
  private static final String SERVICES = "META-INF/services/io.rmote.internal.RemoteToolProvider";

  private Reporter reporter;
  private SourceFiles sources;
  private ModelBuilder models;
  private ToolValidator validator;
  private RequiresPython versions;

  /** Each Python source read so far, by its path: its text and what the scanner found in it. */
  private final Map<String, Scanned> modules = new HashMap<>();

  private final Set<String> writtenCodecs = new HashSet<>();
  private final Set<String> providers = new TreeSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(RemoteTool.class.getName());
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(Options.SOURCE_PATH, Options.REQUIRES_PYTHON);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (reporter == null) {
      reporter = new Reporter(processingEnv);
      Options options = Options.from(processingEnv.getOptions());
      sources = new SourceFiles(processingEnv.getFiler(), options);
      versions = new RequiresPython(reporter, options.requiresPython());
      models = new ModelBuilder(reporter);
      validator = new ToolValidator(reporter, models, processingEnv.getElementUtils());
    }
    for (Element e : round.getElementsAnnotatedWith(RemoteTool.class)) {
      try {
        tool((TypeElement) e, round);
      } catch (RuntimeException ex) {
        // A bug of ours must not hide the user's real errors or crash javac with a stack trace.
        reporter.report(e, Messages.processorFailed((TypeElement) e, ex));
      }
    }
    if (round.processingOver() && !providers.isEmpty()) writeServices();
    return false;
  }

  private void tool(TypeElement type, RoundEnvironment round) {
    ToolInterface tool = models.tool(type);
    if (tool == null) return;
    int errors = reporter.errorCount();
    Scanned scanned = module(tool);
    if (scanned == null) return;
    versions.check(tool, scanned.uses());
    BoundTool bound = validator.validate(tool, scanned.module());
    asyncNameFree(type, round);
    if (bound == null || reporter.errorCount() != errors) return;

    List<TypeElement> codecs = validator.reachable(tool);
    for (TypeElement e : codecs) {
      String name = ProxyWriter.codecClass(e).canonicalName();
      if (!writtenCodecs.add(name)) continue;
      // A record of another compilation brings its codec along.
      if (processingEnv.getElementUtils().getTypeElement(name) != null) continue;
      RecordModel r = models.records().get(e);
      String where = validator.place(e);
      JavaFile file =
          r != null
              ? new RecordCodecWriter().write(r, validator.wireName(e), where)
              : new EnumCodecWriter().write(models.enums().get(e), validator.wireName(e), where);
      write(file, e);
    }
    List<JavaFile> files = new ProxyWriter().write(bound, codecs);
    for (JavaFile f : files) write(f, type);
    JavaFile proxy = files.get(files.size() - 1);
    writeCheckedSource(proxy, scanned.found(), type);
    providers.add(proxy.packageName() + "." + proxy.typeSpec().name() + "$Provider");
  }

  /**
   * The async twin takes the name {@code XAsync}: a type of that name among the sources being
   * compiled is a clash. One found only on the class path is taken for the twin an earlier build
   * generated, which this one replaces.
   */
  private void asyncNameFree(TypeElement type, RoundEnvironment round) {
    String twin = ProxyWriter.asyncClass(type).canonicalName();
    TypeElement existing = processingEnv.getElementUtils().getTypeElement(twin);
    if (existing != null && round.getRootElements().contains(existing)) {
      reporter.report(type, Messages.asyncNameTaken(type, twin));
    }
  }

  private record Scanned(SourceFiles.Found found, PyModule module, List<VersionUse> uses) {}

  private Scanned module(ToolInterface tool) {
    Scanned cached = modules.get(tool.source());
    if (cached != null) return cached;
    List<String> searched = new ArrayList<>();
    SourceFiles.Found found = sources.find(tool.source(), searched);
    if (found == null) {
      reporter.report(
          tool.element(),
          tool.annotation(),
          tool.sourceValue(),
          Messages.sourceMissing(tool.source(), searched));
      return null;
    }
    try {
      Scanned scanned =
          new Scanned(
              found,
              PythonScanner.scan(tool.source(), found.text()),
              VersionScanner.scan(found.text()));
      modules.put(tool.source(), scanned);
      return scanned;
    } catch (PythonSyntaxException e) {
      reporter.report(
          tool.element(),
          tool.annotation(),
          tool.sourceValue(),
          Messages.sourceUnreadable(tool.source(), e.getMessage()));
      return null;
    }
  }

  private void write(JavaFile file, Element origin) {
    try {
      file.writeTo(processingEnv.getFiler());
    } catch (IOException e) {
      reporter.report(
          origin, Messages.writeFailed(file.packageName() + "." + file.typeSpec().name(), e));
    }
  }

  /**
   * Stores the text that was checked beside the proxy, which loads it from there: the remote then
   * runs exactly what was checked, even where the source was found outside the resources ({@code
   * rmote.sourcePath}) or another jar has a file of the same path.
   */
  private void writeCheckedSource(JavaFile proxy, SourceFiles.Found found, Element origin) {
    String name = proxy.typeSpec().name() + ".py";
    try {
      FileObject out =
          processingEnv
              .getFiler()
              .createResource(StandardLocation.CLASS_OUTPUT, proxy.packageName(), name, origin);
      try (Writer w = out.openWriter()) {
        w.write(found.text());
      }
    } catch (IOException e) {
      reporter.report(
          origin, Messages.writeFailed(proxy.packageName().replace('.', '/') + "/" + name, e));
    }
  }

  private void writeServices() {
    Set<String> all = new TreeSet<>(providers);
    try {
      // An incremental build recompiles only some interfaces: keep the providers listed before.
      FileObject existing =
          processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", SERVICES);
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(existing.openInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          String l = line.strip();
          // Keep an earlier entry only while its class still exists (a deleted interface's does
          // not).
          if (!l.isEmpty()
              && !l.startsWith("#")
              && processingEnv.getElementUtils().getTypeElement(l.replace('$', '.')) != null) {
            all.add(l);
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      // no file yet
    }
    try {
      FileObject out =
          processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", SERVICES);
      try (Writer w = out.openWriter()) {
        for (String p : all) w.write(p + "\n");
      }
    } catch (IOException e) {
      reporter.report(Messages.writeFailed(SERVICES, e));
    }
  }
}
