package io.rmote.processor.generate;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.rmote.processor.model.JavaType;
import io.rmote.processor.model.Names;
import io.rmote.processor.model.ToolException;
import io.rmote.processor.model.ToolMethod;
import io.rmote.processor.model.ToolParam;
import io.rmote.processor.source.PyParam;
import io.rmote.processor.validate.BoundTool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Writes the three classes of a tool interface {@code X}: its async twin {@code XAsync} (the same
 * remote methods, each returning a {@code CompletableFuture}), {@code XAsyncProxy}, which makes the
 * calls over {@code Remote.invoke} and writes each argument with its codec, and {@code XProxy},
 * which implements {@code X} by waiting for the async proxy and carries the {@code TOOL} and the
 * {@code Provider} that hands both proxies and the codecs to the runtime.
 */
public final class ProxyWriter {

  /** The proxy class of an interface: {@code SystemTool} → {@code SystemToolProxy}. */
  public static ClassName proxyClass(TypeElement iface) {
    return sibling(iface, "Proxy");
  }

  /** The generated async twin of an interface: {@code SystemTool} → {@code SystemToolAsync}. */
  public static ClassName asyncClass(TypeElement iface) {
    return sibling(iface, "Async");
  }

  /** The proxy of the async twin: {@code SystemTool} → {@code SystemToolAsyncProxy}. */
  public static ClassName asyncProxyClass(TypeElement iface) {
    return sibling(iface, "AsyncProxy");
  }

  /**
   * The generated codec class of a record or enum: {@code SystemTool.DiskInfo} → {@code
   * SystemTool_DiskInfoCodec}.
   */
  public static ClassName codecClass(TypeElement recordOrEnum) {
    return RuntimeNames.codecClass(recordOrEnum);
  }

  private static ClassName sibling(TypeElement iface, String suffix) {
    ClassName c = ClassName.get(iface);
    return ClassName.get(c.packageName(), String.join("_", c.simpleNames()) + suffix);
  }

  /**
   * The generated sources of a checked tool, the blocking proxy last.
   *
   * @param tool the checked tool
   * @param codecs the records and enums whose codecs the provider registers
   */
  public List<JavaFile> write(BoundTool tool, List<TypeElement> codecs) {
    return List.of(asyncInterface(tool), asyncProxy(tool), proxy(tool, codecs));
  }

  // ---- XAsync
  // ------------------------------------------------------------------------------------

  private JavaFile asyncInterface(BoundTool tool) {
    TypeElement iface = tool.tool().element();
    ClassName self = asyncClass(iface);
    ClassName ifaceName = ClassName.get(iface);
    TypeSpec.Builder type =
        TypeSpec.interfaceBuilder(self)
            .addOriginatingElement(iface)
            .addAnnotation(RuntimeNames.generated())
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc(
                "The async twin of {@link $T}, generated: the same remote methods, each returning at once a\n"
                    + "{@code CompletableFuture} that completes on the connection's reader thread (chain with the\n"
                    + "{@code *Async} methods to leave it). Get it with {@code remote.tool($T.class)}, or {@code new $T(remote)}.\n",
                ifaceName,
                self,
                asyncProxyClass(iface));
    for (BoundTool.Method m : tool.methods()) {
      ToolMethod jm = m.method();
      MethodSpec.Builder b =
          MethodSpec.methodBuilder(jm.element().getSimpleName().toString())
              .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
              .returns(future(jm))
              .varargs(jm.element().isVarArgs());
      List<String> erased = new ArrayList<>();
      for (VariableElement p : jm.element().getParameters()) {
        TypeName t = TypeName.get(p.asType());
        b.addParameter(ParameterSpec.builder(t, p.getSimpleName().toString()).build());
        erased.add(erasure(t).toString());
      }
      b.addJavadoc(
          "Like {@link $T#$L($L)}, without waiting.\n",
          ifaceName,
          jm.element().getSimpleName(),
          String.join(", ", erased));
      type.addMethod(b.build());
    }
    return file(self, type);
  }

  // ---- XAsyncProxy
  // -------------------------------------------------------------------------------

  private JavaFile asyncProxy(BoundTool tool) {
    TypeElement iface = tool.tool().element();
    ClassName self = asyncProxyClass(iface);
    ClassName twin = asyncClass(iface);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addOriginatingElement(iface)
            .addAnnotation(RuntimeNames.generated())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(twin)
            .addJavadoc(
                "The generated proxy of {@link $T}: calls the Python class {@code $L} of {@code $L} (line $L)\n"
                    + "on a {@link $T}, each argument written with its codec. Build it with {@code remote.tool($T.class)},\n"
                    + "or with its constructor.\n",
                twin,
                tool.pyClass().name(),
                tool.tool().source(),
                tool.pyClass().line(),
                RuntimeNames.REMOTE,
                twin);

    Set<String> fieldNames = new HashSet<>();
    Map<BoundTool.Method, String> resultCodecs = new LinkedHashMap<>();
    for (BoundTool.Method m : tool.methods()) {
      String name =
          unique(Names.constantCase(m.method().element().getSimpleName().toString()), fieldNames);
      resultCodecs.put(m, name);
      CodeBlock codec = RuntimeNames.codec(m.method().returns());
      if (m.method().returns() instanceof JavaType.Builtin b && b.primitive()) {
        codec = CodeBlock.of("$T.nonNull($L)", RuntimeNames.CODEC_SUPPORT, codec);
      }
      type.addField(codecField(m.method().returns(), name, codec));
    }
    // A composite argument codec is built once; a constant one is named where it is used.
    Map<ToolParam, String> argumentCodecs = new LinkedHashMap<>();
    for (BoundTool.Method m : tool.methods()) {
      for (BoundTool.Arg a : m.args()) {
        JavaType t = a.param().type();
        if (constantCodec(t)) continue;
        String name =
            unique(
                Names.constantCase(m.method().element().getSimpleName().toString())
                    + "_"
                    + Names.constantCase(a.param().javaName()),
                fieldNames);
        argumentCodecs.put(a.param(), name);
        type.addField(codecField(t, name, RuntimeNames.codec(t)));
      }
    }
    type.addField(RuntimeNames.REMOTE, "remote", Modifier.PRIVATE, Modifier.FINAL);
    type.addField(Duration.class, "timeout", Modifier.PRIVATE, Modifier.FINAL);
    type.addMethod(
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc(
                "A proxy making its calls on {@code remote}, with the connection's default timeout.\n")
            .addParameter(RuntimeNames.REMOTE, "remote")
            .addStatement("this(remote, null)")
            .build());
    type.addMethod(
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc(
                "A proxy making its calls on {@code remote}, each failing with {@code CallTimeoutException}\n"
                    + "after {@code timeout} ({@code null}: the connection's default).\n")
            .addParameter(RuntimeNames.REMOTE, "remote")
            .addParameter(Duration.class, "timeout")
            .addStatement("this.remote = $T.requireNonNull(remote, $S)", Objects.class, "remote")
            .addStatement("this.timeout = timeout")
            .build());
    for (BoundTool.Method m : tool.methods()) {
      type.addMethod(asyncMethod(tool, m, resultCodecs.get(m), argumentCodecs));
    }
    type.addMethod(toString(twin.simpleName()));
    return file(self, type);
  }

  private MethodSpec asyncMethod(
      BoundTool tool,
      BoundTool.Method m,
      String resultCodec,
      Map<ToolParam, String> argumentCodecs) {
    ToolMethod jm = m.method();
    MethodSpec.Builder b = signature(jm, future(jm));
    b.addJavadoc(calls(tool, m));
    Set<String> taken = new HashSet<>();
    jm.params().forEach(p -> taken.add(p.javaName()));
    String remote = taken.contains("remote") ? "this.remote" : "remote";
    String timeout = taken.contains("timeout") ? "this.timeout" : "timeout";
    String out = unique("out", taken);
    String valueVar = unique("value", taken);

    CodeBlock.Builder body = CodeBlock.builder();
    List<BoundTool.Arg> positional =
        m.args().stream()
            .filter(
                a ->
                    a.passing() == BoundTool.Passing.POSITIONAL
                        || a.passing() == BoundTool.Passing.POSITIONAL_UNLESS_NULL
                        || a.passing() == BoundTool.Passing.VARARGS)
            .toList();
    List<BoundTool.Arg> keywords =
        m.args().stream()
            .filter(
                a ->
                    a.passing() == BoundTool.Passing.KEYWORD
                        || a.passing() == BoundTool.Passing.KEYWORD_UNLESS_NULL)
            .toList();
    for (BoundTool.Arg a : positional) {
      String n = a.param().javaName();
      CodeBlock codec = argumentCodec(a.param(), argumentCodecs);
      switch (a.passing()) {
        case POSITIONAL -> body.addStatement("$N.positional($L, $N)", out, codec, n);
        case POSITIONAL_UNLESS_NULL ->
            body.beginControlFlow("if ($L)", present(a.param()))
                .addStatement("$N.positional($L, $N)", out, codec, n)
                .endControlFlow();
        default ->
            body.beginControlFlow(
                    "for ($T $N : $N)", TypeName.get(a.param().type().mirror()), valueVar, n)
                .addStatement("$N.positional($L, $N)", out, codec, valueVar)
                .endControlFlow();
      }
    }
    for (BoundTool.Arg a : keywords) {
      String n = a.param().javaName();
      CodeBlock codec = argumentCodec(a.param(), argumentCodecs);
      if (a.passing() == BoundTool.Passing.KEYWORD) {
        body.addStatement("$N.keyword($S, $L, $N)", out, a.param().pythonName(), codec, n);
      } else {
        body.beginControlFlow("if ($L)", present(a.param()))
            .addStatement("$N.keyword($S, $L, $N)", out, a.param().pythonName(), codec, n)
            .endControlFlow();
      }
    }
    CodeBlock tool_ = CodeBlock.of("$T.TOOL", proxyClass(tool.tool().element()));
    if (m.args().isEmpty()) {
      b.addStatement(
          "return $L.invoke($L, $S, $N, $T.NONE, $L)",
          remote,
          tool_,
          m.function().name(),
          resultCodec,
          RuntimeNames.CALL_ARGUMENTS,
          timeout);
    } else {
      b.addCode(
              "return $L.invoke($L, $S, $N, $N -> {\n$>",
              remote,
              tool_,
              m.function().name(),
              resultCodec,
              out)
          .addCode(body.build())
          .addCode("$<}, $L);\n", timeout);
    }
    return b.build();
  }

  // ---- XProxy
  // ------------------------------------------------------------------------------------

  private JavaFile proxy(BoundTool tool, List<TypeElement> codecs) {
    TypeElement iface = tool.tool().element();
    ClassName self = proxyClass(iface);
    ClassName ifaceName = ClassName.get(iface);
    ClassName asyncProxy = asyncProxyClass(iface);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addOriginatingElement(iface)
            .addAnnotation(RuntimeNames.generated())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(ifaceName)
            .addJavadoc(
                "The generated proxy of {@link $T}: calls the Python class {@code $L} of {@code $L} (line $L)\n"
                    + "on a {@link $T}, waiting for each call of {@link $T}. Build it with {@code remote.tool($T.class)},\n"
                    + "or with its constructor.\n",
                ifaceName,
                tool.pyClass().name(),
                tool.tool().source(),
                tool.pyClass().line(),
                RuntimeNames.REMOTE,
                asyncProxy,
                ifaceName);

    type.addField(
        FieldSpec.builder(
                RuntimeNames.TOOL_DESCRIPTOR,
                "TOOL",
                Modifier.PUBLIC,
                Modifier.STATIC,
                Modifier.FINAL)
            .addJavadoc(
                "The Python tool: the copy of {@code $L} that was checked at compile time, stored beside this class.\n",
                tool.tool().source())
            .initializer(toolDescriptor(tool, self))
            .build());
    type.addField(RuntimeNames.REMOTE, "remote", Modifier.PRIVATE, Modifier.FINAL);
    type.addField(asyncProxy, "async", Modifier.PRIVATE, Modifier.FINAL);
    type.addMethod(
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc(
                "A proxy making its calls on {@code remote}, with the connection's default timeout.\n")
            .addParameter(RuntimeNames.REMOTE, "remote")
            .addStatement("this(remote, null)")
            .build());
    type.addMethod(
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc(
                "A proxy making its calls on {@code remote}, each failing with {@code CallTimeoutException}\n"
                    + "after {@code timeout} ({@code null}: the connection's default).\n")
            .addParameter(RuntimeNames.REMOTE, "remote")
            .addParameter(Duration.class, "timeout")
            .addStatement("this.remote = $T.requireNonNull(remote, $S)", Objects.class, "remote")
            .addStatement("this.async = new $T(remote, timeout)", asyncProxy)
            .build());
    for (BoundTool.Method m : tool.methods()) type.addMethod(blockingMethod(tool, m));
    type.addMethod(toString(ifaceName.simpleName()));
    type.addType(provider(iface, codecs));
    return file(self, type);
  }

  private MethodSpec blockingMethod(BoundTool tool, BoundTool.Method m) {
    ToolMethod jm = m.method();
    MethodSpec.Builder b = MethodSpec.overriding(jm.element());
    b.addJavadoc(calls(tool, m));
    Set<String> taken = new HashSet<>();
    jm.params().forEach(p -> taken.add(p.javaName()));
    String remote = taken.contains("remote") ? "this.remote" : "remote";
    String async = taken.contains("async") ? "this.async" : "async";
    List<CodeBlock> args = new ArrayList<>();
    for (VariableElement p : jm.element().getParameters())
      args.add(CodeBlock.of("$N", p.getSimpleName().toString()));
    CodeBlock call =
        CodeBlock.of(
            "$L.$N($L)",
            async,
            jm.element().getSimpleName().toString(),
            CodeBlock.join(args, ", "));
    boolean isVoid = jm.returns() instanceof JavaType.Builtin v && v.kind() == JavaType.Kind.VOID;
    if (jm.future()) {
      b.addStatement("return $L", call);
    } else if (isVoid) {
      b.addStatement("$L.await($L)", remote, call);
    } else {
      b.addStatement("return $L.await($L)", remote, call);
    }
    return b.build();
  }

  private static TypeSpec provider(TypeElement iface, List<TypeElement> codecs) {
    MethodSpec.Builder contribute =
        MethodSpec.methodBuilder("contribute")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addParameter(RuntimeNames.REGISTRY, "registry")
            .addStatement(
                "registry.proxy($T.class, $T::new)", ClassName.get(iface), proxyClass(iface))
            .addStatement(
                "registry.proxy($T.class, $T::new)", asyncClass(iface), asyncProxyClass(iface));
    for (TypeElement e : codecs) {
      contribute.addStatement(
          "registry.codec($T.class, $T.INSTANCE)", ClassName.get(e), RuntimeNames.codecClass(e));
    }
    return TypeSpec.classBuilder("Provider")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(RuntimeNames.PROVIDER)
        .addJavadoc(
            "Hands both proxies and the codecs of the records and enums to the runtime; listed in\n"
                + "{@code META-INF/services/io.rmote.internal.RemoteToolProvider}.\n")
        .addMethod(contribute.build())
        .build();
  }

  // ---- shared
  // ------------------------------------------------------------------------------------

  /** The method of the interface with another result type, parameters as declared. */
  private static MethodSpec.Builder signature(ToolMethod jm, TypeName returns) {
    MethodSpec.Builder b =
        MethodSpec.methodBuilder(jm.element().getSimpleName().toString())
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(returns)
            .varargs(jm.element().isVarArgs());
    for (VariableElement p : jm.element().getParameters()) {
      b.addParameter(TypeName.get(p.asType()), p.getSimpleName().toString());
    }
    return b;
  }

  /**
   * {@code CompletableFuture<T>} of a method's result, primitives boxed, {@code void} as {@code
   * Void}.
   */
  private static TypeName future(ToolMethod jm) {
    return ParameterizedTypeName.get(
        RuntimeNames.COMPLETABLE_FUTURE, TypeName.get(jm.returns().mirror()).box());
  }

  private static CodeBlock calls(BoundTool tool, BoundTool.Method m) {
    return CodeBlock.of(
        "Calls {@code $L.$L($L)}$L, {@code $L} line $L$L.\n",
        tool.pyClass().name(),
        m.function().name(),
        pythonParams(m),
        m.function().async() ? " (async def)" : "",
        tool.tool().source(),
        m.function().line(),
        m.owner().equals(tool.pyClass()) ? "" : " (inherited from " + m.owner().name() + ")");
  }

  private static MethodSpec toString(String what) {
    return MethodSpec.methodBuilder("toString")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addStatement("return $S + remote.name()", what + " on ")
        .build();
  }

  private static FieldSpec codecField(JavaType t, String name, CodeBlock codec) {
    return FieldSpec.builder(
            RuntimeNames.codecType(t), name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer(codec)
        .build();
  }

  /** Whether a type's codec is a constant, which the call names in place. */
  private static boolean constantCodec(JavaType t) {
    return t instanceof JavaType.Builtin
        || t instanceof JavaType.RecordRef
        || t instanceof JavaType.EnumRef;
  }

  private static CodeBlock argumentCodec(ToolParam p, Map<ToolParam, String> fields) {
    String field = fields.get(p);
    return field != null ? CodeBlock.of("$N", field) : RuntimeNames.codec(p.type());
  }

  /** {@code x != null}, and for an {@code Optional} also present: the argument is not left out. */
  private static CodeBlock present(ToolParam p) {
    if (p.type() instanceof JavaType.OptionalOf) {
      return CodeBlock.of("$N != null && $N.isPresent()", p.javaName(), p.javaName());
    }
    return CodeBlock.of("$N != null", p.javaName());
  }

  private static String pythonParams(BoundTool.Method m) {
    List<String> out = new ArrayList<>();
    List<PyParam> params = m.function().params();
    if (m.function().decorators().stream().anyMatch(d -> d.endsWith("classmethod"))
        && !params.isEmpty()) {
      params = params.subList(1, params.size());
    }
    for (PyParam p : params) {
      String prefix =
          p.kind() == PyParam.Kind.VAR_POSITIONAL
              ? "*"
              : p.kind() == PyParam.Kind.VAR_KEYWORD ? "**" : "";
      out.add(prefix + p.name());
    }
    return String.join(", ", out);
  }

  private static TypeName erasure(TypeName t) {
    if (t instanceof ParameterizedTypeName p) return p.rawType();
    if (t instanceof ArrayTypeName a) return ArrayTypeName.of(erasure(a.componentType()));
    return t;
  }

  private static JavaFile file(ClassName self, TypeSpec.Builder type) {
    return JavaFile.builder(self.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  static String unique(String name, Set<String> taken) {
    String n = name;
    while (taken.contains(n)) n = n + "_";
    taken.add(n);
    return n;
  }

  /**
   * {@code ToolDescriptor.ofProxy(...)}, then one {@code withException} per tool exception: a
   * lambda calling the exception's constructor with each field read from the details.
   */
  private static CodeBlock toolDescriptor(BoundTool tool, ClassName self) {
    CodeBlock.Builder b =
        CodeBlock.builder()
            .add(
                "$T.ofProxy($T.class, $S, $S)",
                RuntimeNames.TOOL_DESCRIPTOR,
                self,
                tool.tool().source(),
                tool.tool().pythonClass());
    for (ToolException x : tool.tool().exceptions()) {
      CodeBlock.Builder args = CodeBlock.builder().add("d");
      for (ToolException.Field f : x.fields()) {
        args.add(", $T.$L(d, $S)", RuntimeNames.EXCEPTION_FIELDS, f.reader(), f.pythonName());
      }
      b.add(
          "\n    .withException($S, d -> new $T($L))",
          x.pythonName(),
          ClassName.get(x.element()),
          args.build());
    }
    return b.build();
  }
}
