package io.rmote.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Every public or protected type and member of a module's public packages (all but {@code
 * io.rmote.internal.*}) has a Javadoc comment, as {@code javadoc -Xdoclint:missing} asks, and every
 * such package has a {@code package-info.java} with one. The check reads the sources with javac's
 * parser only (no compilation, well under a second per module). Overriding methods inherit their
 * comment, as javadoc does; a public class must declare its constructors, since javadoc cannot
 * document the default one; a record documents each component with {@code @param}, which javadoc
 * turns into the accessor's comment.
 */
public final class JavadocCoverage {
  private JavadocCoverage() {}

  /** Fails listing each undocumented type, member and package under {@code sourceRoot}. */
  public static void check(Path root) throws IOException {
    Path sourceRoot = root.toAbsolutePath().normalize();
    assertTrue(Files.isDirectory(sourceRoot), sourceRoot + " is not a folder");
    List<Path> files;
    try (Stream<Path> all = Files.walk(sourceRoot)) {
      files =
          all.filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !sourceRoot.relativize(p).toString().startsWith("io/rmote/internal"))
              .sorted()
              .toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> missing = new ArrayList<>();
    Set<Path> packages = new HashSet<>();
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      JavacTask task =
          (JavacTask)
              javac.getTask(
                  null,
                  fm,
                  d -> {},
                  List.of("-proc:none"),
                  null,
                  fm.getJavaFileObjectsFromPaths(files));
      DocTrees trees = DocTrees.instance(task);
      for (CompilationUnitTree unit : task.parse()) {
        Path file = Path.of(unit.getSourceFile().getName()).toAbsolutePath().normalize();
        String name = sourceRoot.relativize(file).toString();
        if (name.endsWith("package-info.java")) {
          if (trees.getDocCommentTree(new TreePath(new TreePath(unit), unit.getPackage()))
              == null) {
            missing.add(name + ": the package has no comment");
          }
          continue;
        }
        packages.add(file.getParent());
        new Scanner(trees, name, missing).scan(new TreePath(unit), null);
      }
    }
    for (Path dir : packages) {
      if (!Files.exists(dir.resolve("package-info.java"))) {
        missing.add(sourceRoot.relativize(dir) + ": no package-info.java");
      }
    }
    assertEquals(
        List.of(), missing, missing.size() + " public elements without Javadoc under " + root);
  }

  /** Walks the types of one file; {@code visible} is whether the enclosing type is exported. */
  private static final class Scanner extends TreePathScanner<Void, Void> {
    private final DocTrees trees;
    private final String file;
    private final List<String> missing;
    private final List<ClassTree> enclosing = new ArrayList<>();

    Scanner(DocTrees trees, String file, List<String> missing) {
      this.trees = trees;
      this.file = file;
      this.missing = missing;
    }

    @Override
    public Void visitClass(ClassTree type, Void unused) {
      if (!exported(type.getModifiers())) return null;
      TreePath here = getCurrentPath();
      DocCommentTree doc = require(type.getSimpleName().toString());
      if (type.getKind() == Tree.Kind.RECORD && doc != null) {
        Set<String> params = new HashSet<>();
        for (DocTree tag : doc.getBlockTags()) {
          if (tag instanceof ParamTree p && !p.isTypeParameter()) {
            params.add(p.getName().getName().toString());
          }
        }
        for (Tree member : type.getMembers()) {
          if (member instanceof VariableTree v
              && !v.getModifiers().getFlags().contains(Modifier.STATIC)
              && !params.contains(v.getName().toString())) {
            missing.add(file + ": " + type.getSimpleName() + " has no @param for " + v.getName());
          }
        }
      }
      if (type.getKind() == Tree.Kind.CLASS
          && type.getMembers().stream()
              .noneMatch(m -> m instanceof MethodTree mt && mt.getName().contentEquals("<init>"))) {
        missing.add(file + ": " + type.getSimpleName() + " uses the default constructor");
      }
      enclosing.add(type);
      try {
        for (Tree member : type.getMembers()) {
          if (member instanceof ClassTree) {
            scan(member, null);
          } else if (member instanceof MethodTree m) {
            String name =
                m.getName().contentEquals("<init>")
                    ? type.getSimpleName().toString()
                    : m.getName().toString();
            // A record's compact or canonical constructor is documented by the record's @params.
            boolean recordConstructor =
                type.getKind() == Tree.Kind.RECORD && name.equals(type.getSimpleName().toString());
            if (exported(m.getModifiers()) && !overrides(m) && !recordConstructor) {
              requireAt(new TreePath(here, member), type.getSimpleName() + "." + name);
            }
          } else if (member instanceof VariableTree v) {
            boolean recordComponent =
                type.getKind() == Tree.Kind.RECORD
                    && !v.getModifiers().getFlags().contains(Modifier.STATIC);
            if (exported(v.getModifiers()) && !recordComponent) {
              requireAt(new TreePath(here, member), type.getSimpleName() + "." + v.getName());
            }
          }
        }
      } finally {
        enclosing.remove(enclosing.size() - 1);
      }
      return null;
    }

    /** Public or protected, or a member of an interface or annotation (implicitly public). */
    private boolean exported(ModifiersTree mods) {
      Set<Modifier> flags = mods.getFlags();
      if (flags.contains(Modifier.PRIVATE)) return false;
      if (flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED)) return true;
      if (enclosing.isEmpty()) return false;
      Tree.Kind owner = enclosing.get(enclosing.size() - 1).getKind();
      return owner == Tree.Kind.INTERFACE || owner == Tree.Kind.ANNOTATION_TYPE;
    }

    private static boolean overrides(MethodTree m) {
      for (AnnotationTree a : m.getModifiers().getAnnotations()) {
        String n = a.getAnnotationType().toString();
        if (n.equals("Override") || n.equals("java.lang.Override")) return true;
      }
      return false;
    }

    /**
     * The comment of the current type ({@code javac}'s parser gives enum constants public flags).
     */
    private DocCommentTree require(String what) {
      return requireAt(getCurrentPath(), what);
    }

    private DocCommentTree requireAt(TreePath path, String what) {
      DocCommentTree doc = trees.getDocCommentTree(path);
      if (doc == null) missing.add(file + ": " + what);
      return doc;
    }
  }
}
