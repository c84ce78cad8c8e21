package io.rmote.processor.generate;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.rmote.processor.model.JavaType;
import javax.lang.model.element.TypeElement;

/** The runtime's names as generated code spells them, and the codec expression of each type. */
final class Poet {
  static final String PROCESSOR = "io.rmote.processor.RemoteToolProcessor";

  static final ClassName REMOTE = ClassName.get("io.rmote", "Remote");
  static final ClassName TOOL_DESCRIPTOR = ClassName.get("io.rmote", "ToolDescriptor");
  static final ClassName PROVIDER = ClassName.get("io.rmote", "RemoteToolProvider");
  static final ClassName REGISTRY = PROVIDER.nestedClass("Registry");
  static final ClassName CODECS = ClassName.get("io.rmote.wire", "Codecs");
  static final ClassName VALUE_CODEC = ClassName.get("io.rmote.wire", "ValueCodec");
  static final ClassName CODEC_SUPPORT = ClassName.get("io.rmote.wire", "CodecSupport");
  static final ClassName TAG = ClassName.get("io.rmote.wire", "Tag");
  static final ClassName WIRE = ClassName.get("io.rmote.wire", "Wire");
  static final ClassName KRYO = ClassName.get("com.esotericsoftware.kryo", "Kryo");
  static final ClassName INPUT = ClassName.get("com.esotericsoftware.kryo.io", "Input");
  static final ClassName OUTPUT = ClassName.get("com.esotericsoftware.kryo.io", "Output");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  static AnnotationSpec generated() {
    return AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build();
  }

  /** The generated codec class of a record or enum: {@code SystemTool.DiskInfo} → {@code SystemTool_DiskInfoCodec}. */
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
    if (t instanceof JavaType.Builtin b) return CodeBlock.of("$T.$L", CODECS, b.kind().constant());
    if (t instanceof JavaType.ListOf l) return CodeBlock.of("$T.list($L)", CODECS, codec(l.element()));
    if (t instanceof JavaType.SetOf s) return CodeBlock.of("$T.set($L)", CODECS, codec(s.element()));
    if (t instanceof JavaType.OptionalOf o) return CodeBlock.of("$T.optional($L)", CODECS, codec(o.value()));
    if (t instanceof JavaType.MapOf m) {
      return CodeBlock.of("$T.map($L, $L)", CODECS, codec(m.key()), codec(m.value()));
    }
    if (t instanceof JavaType.RecordRef r) return CodeBlock.of("$T.INSTANCE", codecClass(r.element()));
    return CodeBlock.of("$T.INSTANCE", codecClass(((JavaType.EnumRef) t).element()));
  }

  private Poet() {}
}
