package io.rmote.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.rmote.processor.model.JavaType;
import io.rmote.processor.model.Names;
import io.rmote.processor.model.ToolMethod;
import io.rmote.processor.model.ToolParam;
import io.rmote.processor.validate.BoundTool;
import io.rmote.processor.source.PyParam;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Writes {@code <Interface>Proxy}: a final class implementing the interface over {@code
 * Remote.invoke}, one static codec per result, and a nested {@code Provider} that hands the proxy
 * and the codecs to the runtime.
 */
public final class ProxyWriter {

  /** The proxy class of an interface: {@code SystemTool} → {@code SystemToolProxy}. */
  public static ClassName proxyClass(TypeElement iface) {
    ClassName c = ClassName.get(iface);
    return ClassName.get(c.packageName(), String.join("_", c.simpleNames()) + "Proxy");
  }

  /** The generated codec class of a record or enum: {@code SystemTool.DiskInfo} → {@code SystemTool_DiskInfoCodec}. */
  public static ClassName codecClass(TypeElement recordOrEnum) {
    return Poet.codecClass(recordOrEnum);
  }

  /**
   * The proxy's source.
   *
   * @param tool the checked tool
   * @param codecs the records and enums whose codecs the provider registers
   */
  public JavaFile write(BoundTool tool, List<TypeElement> codecs) {
    TypeElement iface = tool.tool().element();
    ClassName self = proxyClass(iface);
    ClassName ifaceName = ClassName.get(iface);
    TypeSpec.Builder type = TypeSpec.classBuilder(self)
        .addOriginatingElement(iface)
        .addAnnotation(Poet.generated())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ifaceName)
        .addJavadoc("The generated proxy of {@link $T}: calls the Python class {@code $L} of {@code $L} (line $L)\n"
            + "on a {@link $T}. Build it with {@code remote.tool($T.class)}, or with its constructor.\n",
            ifaceName, tool.pyClass().name(), tool.tool().source(), tool.pyClass().line(), Poet.REMOTE, ifaceName);

    type.addField(FieldSpec.builder(Poet.TOOL_DESCRIPTOR, "TOOL", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The Python tool: the copy of {@code $L} that was checked at compile time, stored beside this class.\n",
            tool.tool().source())
        .initializer("$T.ofProxy($T.class, $S, $S)", Poet.TOOL_DESCRIPTOR, self, tool.tool().source(),
            tool.tool().pythonClass())
        .build());

    Set<String> fieldNames = new HashSet<>(Set.of("TOOL"));
    Map<BoundTool.Method, String> codecFields = new LinkedHashMap<>();
    for (BoundTool.Method m : tool.methods()) {
      String name = unique(Names.constantCase(m.method().element().getSimpleName().toString()), fieldNames);
      codecFields.put(m, name);
      CodeBlock codec = Poet.codec(m.method().returns());
      if (m.method().returns() instanceof JavaType.Builtin b && b.primitive()) {
        codec = CodeBlock.of("$T.nonNull($L)", Poet.CODEC_SUPPORT, codec);
      }
      type.addField(FieldSpec.builder(Poet.codecType(m.method().returns()), name,
              Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer(codec)
          .build());
    }
    type.addField(Poet.REMOTE, "remote", Modifier.PRIVATE, Modifier.FINAL);
    type.addField(Duration.class, "timeout", Modifier.PRIVATE, Modifier.FINAL);
    type.addMethod(MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("A proxy making its calls on {@code remote}, with the connection's default timeout.\n")
        .addParameter(Poet.REMOTE, "remote")
        .addStatement("this(remote, null)")
        .build());
    type.addMethod(MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("A proxy making its calls on {@code remote}, each failing with {@code CallTimeoutException}\n"
            + "after {@code timeout} ({@code null}: the connection's default).\n")
        .addParameter(Poet.REMOTE, "remote")
        .addParameter(Duration.class, "timeout")
        .addStatement("this.remote = $T.requireNonNull(remote, $S)", Objects.class, "remote")
        .addStatement("this.timeout = timeout")
        .build());
    for (BoundTool.Method m : tool.methods()) type.addMethod(method(tool, m, codecFields.get(m)));
    type.addMethod(MethodSpec.methodBuilder("toString")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addStatement("return $S + remote.name()", tool.tool().pythonClass() + " on ")
        .build());
    type.addType(provider(self, ifaceName, codecs));
    return JavaFile.builder(self.packageName(), type.build()).skipJavaLangImports(true).indent("  ").build();
  }

  private MethodSpec method(BoundTool tool, BoundTool.Method m, String codecField) {
    ToolMethod jm = m.method();
    MethodSpec.Builder b = MethodSpec.overriding(jm.element());
    b.addJavadoc("Calls {@code $L.$L($L)}$L, {@code $L} line $L$L.\n",
        tool.pyClass().name(), m.function().name(), pythonParams(m),
        m.function().async() ? " (async def)" : "",
        tool.tool().source(), m.function().line(),
        m.owner().equals(tool.pyClass()) ? "" : " (inherited from " + m.owner().name() + ")");

    Set<String> taken = new HashSet<>();
    jm.params().forEach(p -> taken.add(p.javaName()));
    String remote = taken.contains("remote") ? "this.remote" : "remote";
    String timeout = taken.contains("timeout") ? "this.timeout" : "timeout";
    String argsVar = unique("args", taken);
    String kwargsVar = unique("kwargs", taken);
    String valueVar = unique("value", taken);

    boolean listNeeded = m.args().stream().anyMatch(a -> a.passing() == BoundTool.Passing.POSITIONAL_UNLESS_NULL
        || a.passing() == BoundTool.Passing.VARARGS);
    List<BoundTool.Arg> positional = m.args().stream().filter(a -> a.passing() == BoundTool.Passing.POSITIONAL
        || a.passing() == BoundTool.Passing.POSITIONAL_UNLESS_NULL || a.passing() == BoundTool.Passing.VARARGS).toList();
    List<BoundTool.Arg> keywords = m.args().stream().filter(a -> a.passing() == BoundTool.Passing.KEYWORD
        || a.passing() == BoundTool.Passing.KEYWORD_UNLESS_NULL).toList();

    CodeBlock args;
    if (positional.isEmpty()) {
      args = CodeBlock.of("$T.of()", List.class);
    } else if (!listNeeded) {
      List<CodeBlock> names = new ArrayList<>();
      for (BoundTool.Arg a : positional) names.add(CodeBlock.of("$N", a.param().javaName()));
      args = CodeBlock.of("$T.<Object>asList($L)", Arrays.class, CodeBlock.join(names, ", "));
    } else {
      b.addStatement("$T<Object> $N = new $T<>()", List.class, argsVar, ArrayList.class);
      for (BoundTool.Arg a : positional) {
        String n = a.param().javaName();
        switch (a.passing()) {
          case POSITIONAL -> b.addStatement("$N.add($N)", argsVar, n);
          case POSITIONAL_UNLESS_NULL -> b.beginControlFlow("if ($L)", present(a.param()))
              .addStatement("$N.add($N)", argsVar, n)
              .endControlFlow();
          default -> b.beginControlFlow("for ($T $N : $N)", TypeName.get(a.param().type().mirror()), valueVar, n)
              .addStatement("$N.add($N)", argsVar, valueVar)
              .endControlFlow();
        }
      }
      args = CodeBlock.of("$N", argsVar);
    }
    CodeBlock kwargs;
    if (keywords.isEmpty()) {
      kwargs = CodeBlock.of("$T.of()", Map.class);
    } else {
      b.addStatement("$T<String, Object> $N = new $T<>()", Map.class, kwargsVar, LinkedHashMap.class);
      for (BoundTool.Arg a : keywords) {
        String n = a.param().javaName();
        if (a.passing() == BoundTool.Passing.KEYWORD) {
          b.addStatement("$N.put($S, $N)", kwargsVar, a.param().pythonName(), n);
        } else {
          b.beginControlFlow("if ($L)", present(a.param()))
              .addStatement("$N.put($S, $N)", kwargsVar, a.param().pythonName(), n)
              .endControlFlow();
        }
      }
      kwargs = CodeBlock.of("$N", kwargsVar);
    }
    CodeBlock call = CodeBlock.of("$L.invoke(TOOL, $S, $N, $L, $L, $L)",
        remote, m.function().name(), codecField, args, kwargs, timeout);
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
    if (m.function().decorators().stream().anyMatch(d -> d.endsWith("classmethod")) && !params.isEmpty()) {
      params = params.subList(1, params.size());
    }
    for (PyParam p : params) {
      String prefix = p.kind() == PyParam.Kind.VAR_POSITIONAL ? "*" : p.kind() == PyParam.Kind.VAR_KEYWORD ? "**" : "";
      out.add(prefix + p.name());
    }
    return String.join(", ", out);
  }

  private static TypeSpec provider(ClassName self, ClassName iface, List<TypeElement> codecs) {
    MethodSpec.Builder contribute = MethodSpec.methodBuilder("contribute")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(Poet.REGISTRY, "registry")
        .addStatement("registry.proxy($T.class, $T::new)", iface, self);
    for (TypeElement e : codecs) {
      contribute.addStatement("registry.codec($T.class, $T.INSTANCE)", ClassName.get(e), Poet.codecClass(e));
    }
    return TypeSpec.classBuilder("Provider")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(Poet.PROVIDER)
        .addJavadoc("Hands the proxy and the codecs of its records and enums to the runtime; listed in\n"
            + "{@code META-INF/services/io.rmote.internal.RemoteToolProvider}.\n")
        .addMethod(contribute.build())
        .build();
  }

  static String unique(String name, Set<String> taken) {
    String n = name;
    while (taken.contains(n)) n = n + "_";
    taken.add(n);
    return n;
  }

}
