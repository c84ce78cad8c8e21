package io.rmote.processor.generate;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.rmote.processor.model.JavaType;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * The runtime's names as generated code spells them (one list, so a move in the runtime is one edit
 * here), the codec expression of each type, and the skeleton every generated codec shares.
 */
final class RuntimeNames {
  static final String PROCESSOR = "io.rmote.processor.RemoteToolProcessor";

  static final ClassName REMOTE = ClassName.get("io.rmote", "Remote");
  static final ClassName TOOL_DESCRIPTOR = ClassName.get("io.rmote", "ToolDescriptor");
  static final ClassName PROVIDER = ClassName.get("io.rmote.internal", "RemoteToolProvider");
  static final ClassName REGISTRY = PROVIDER.nestedClass("Registry");
  static final ClassName CODECS = ClassName.get("io.rmote.wire", "Codecs");
  static final ClassName VALUE_CODEC = ClassName.get("io.rmote.wire", "ValueCodec");
  static final ClassName CALL_ARGUMENTS = ClassName.get("io.rmote.internal.wire", "CallArguments");
  static final ClassName COMPLETABLE_FUTURE =
      ClassName.get("java.util.concurrent", "CompletableFuture");
  static final ClassName CODEC_SUPPORT = ClassName.get("io.rmote.internal.wire", "CodecSupport");
  static final ClassName EXCEPTION_FIELDS =
      ClassName.get("io.rmote.internal.python", "ExceptionFields");
  static final ClassName TAG = ClassName.get("io.rmote.internal.wire", "Tag");
  static final ClassName WIRE = ClassName.get("io.rmote.internal.wire", "Wire");
  static final ClassName KRYO = ClassName.get("com.esotericsoftware.kryo", "Kryo");
  static final ClassName INPUT = ClassName.get("com.esotericsoftware.kryo.io", "Input");
  static final ClassName OUTPUT = ClassName.get("com.esotericsoftware.kryo.io", "Output");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  static AnnotationSpec generated() {
    return AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build();
  }

  /**
   * The generated codec class of a record or enum: {@code SystemTool.DiskInfo} → {@code
   * SystemTool_DiskInfoCodec}.
   */
  static ClassName codecClass(TypeElement recordOrEnum) {
    ClassName c = ClassName.get(recordOrEnum);
    return ClassName.get(c.packageName(), String.join("_", c.simpleNames()) + "Codec");
  }

  /** {@code ValueCodec<T>} for a type, primitives boxed. */
  static TypeName codecType(JavaType t) {
    return ParameterizedTypeName.get(VALUE_CODEC, TypeName.get(t.mirror()).box());
  }

  /** The expression of the codec that maps {@code t}. */
  static CodeBlock codec(JavaType t) {
    if (t instanceof JavaType.Builtin b) return CodeBlock.of("$T.$L", CODECS, b.kind().name());
    if (t instanceof JavaType.ListOf l)
      return CodeBlock.of("$T.list($L)", CODECS, codec(l.element()));
    if (t instanceof JavaType.SetOf s)
      return CodeBlock.of("$T.set($L)", CODECS, codec(s.element()));
    if (t instanceof JavaType.OptionalOf o)
      return CodeBlock.of("$T.optional($L)", CODECS, codec(o.value()));
    if (t instanceof JavaType.MapOf m) {
      return CodeBlock.of("$T.map($L, $L)", CODECS, codec(m.key()), codec(m.value()));
    }
    if (t instanceof JavaType.RecordRef r)
      return CodeBlock.of("$T.INSTANCE", codecClass(r.element()));
    return CodeBlock.of("$T.INSTANCE", codecClass(((JavaType.EnumRef) t).element()));
  }

  /**
   * The parts every codec shares: a public final {@code ValueCodec} of {@code target} with its one
   * {@code INSTANCE}, the Python type's name, a private constructor, and the head of {@code decode}
   * and {@code write} with the {@code None} case done. The caller adds the rest.
   */
  static CodecSkeleton codecSkeleton(
      TypeElement origin, String wireName, String javadoc, Object... args) {
    ClassName self = codecClass(origin);
    ClassName target = ClassName.get(origin);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addOriginatingElement(origin)
            .addAnnotation(generated())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .superclass(ParameterizedTypeName.get(VALUE_CODEC, target))
            .addJavadoc(javadoc, args)
            .addField(
                FieldSpec.builder(
                        self, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The one instance; codecs are stateless.\n")
                    .initializer("new $T()", self)
                    .build())
            .addField(
                FieldSpec.builder(String.class, "PYTHON_TYPE", Modifier.STATIC, Modifier.FINAL)
                    .initializer("$S", wireName)
                    .build());
    MethodSpec.Builder decode =
        MethodSpec.methodBuilder("decode")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(target)
            .addParameter(KRYO, "kryo")
            .addParameter(INPUT, "in")
            .addParameter(int.class, "tag")
            .beginControlFlow("if (tag == $T.NONE)", TAG)
            .addStatement("return null")
            .endControlFlow();
    MethodSpec.Builder write =
        MethodSpec.methodBuilder("write")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addParameter(KRYO, "kryo")
            .addParameter(OUTPUT, "out")
            .addParameter(target, "value")
            .beginControlFlow("if (value == null)")
            .addStatement("out.writeByte($T.NONE)", TAG)
            .addStatement("return")
            .endControlFlow();
    return new CodecSkeleton(self, target, type, decode, write);
  }

  /** A codec being written; {@link #finish()} adds the methods and the constructor. */
  record CodecSkeleton(
      ClassName self,
      ClassName target,
      TypeSpec.Builder type,
      MethodSpec.Builder decode,
      MethodSpec.Builder write) {
    JavaFile finish() {
      type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
          .addMethod(decode.build())
          .addMethod(write.build())
          .addMethod(
              MethodSpec.methodBuilder("javaType")
                  .addAnnotation(Override.class)
                  .addModifiers(Modifier.PUBLIC)
                  .returns(String.class)
                  .addStatement("return $S", String.join(".", target.simpleNames()))
                  .build());
      return JavaFile.builder(self.packageName(), type.build())
          .skipJavaLangImports(true)
          .indent("  ")
          .build();
    }
  }

  private RuntimeNames() {}
}
