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
import io.rmote.processor.model.RecordModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes the codec of a record: it reads a dataclass or namedtuple value field by field, by name
 * (unknown fields skipped, so the Python side may grow), and writes the record as a dataclass value
 * that the remote turns into an instance of the Python class.
 */
public final class RecordCodecWriter {

  /**
   * The codec's source.
   *
   * @param record the record
   * @param wireName the Python class's {@code __qualname__}, such as {@code DiskInfo}
   * @param pythonSource the source file and line it was checked against, for the Javadoc
   */
  public JavaFile write(RecordModel record, String wireName, String pythonSource) {
    RuntimeNames.CodecSkeleton codec =
        RuntimeNames.codecSkeleton(
            record.element(),
            wireName,
            "Maps {@link $T} to and from the Python class {@code $L} ($L).\n",
            ClassName.get(record.element()),
            wireName,
            pythonSource);
    ClassName target = codec.target();
    TypeSpec.Builder type = codec.type();

    Set<String> fieldNames = new HashSet<>(Set.of("INSTANCE", "PYTHON_TYPE"));
    Set<String> locals = new HashSet<>(Set.of("kryo", "in", "tag", "n", "out", "value"));
    List<String> codecFields = new ArrayList<>();
    List<String> localNames = new ArrayList<>();
    for (RecordModel.Component c : record.components()) {
      String f = ProxyWriter.unique(Names.constantCase(c.javaName()), fieldNames);
      codecFields.add(f);
      localNames.add(ProxyWriter.unique(c.javaName(), locals));
      type.addField(
          FieldSpec.builder(
                  RuntimeNames.codecType(c.type()),
                  f,
                  Modifier.PRIVATE,
                  Modifier.STATIC,
                  Modifier.FINAL)
              .initializer(RuntimeNames.codec(c.type()))
              .build());
    }
    MethodSpec.Builder decode = codec.decode();
    for (int i = 0; i < record.components().size(); i++) {
      RecordModel.Component c = record.components().get(i);
      TypeName t = TypeName.get(c.type().mirror()).box();
      if (c.type() instanceof JavaType.OptionalOf) {
        decode.addStatement("$T $N = $T.empty()", t, localNames.get(i), Optional.class);
      } else {
        decode.addStatement("$T $N = null", t, localNames.get(i));
      }
    }
    decode
        .beginControlFlow(
            "for (int n = $T.readFields(in, tag, this); n > 0; n--)", RuntimeNames.CODEC_SUPPORT)
        .beginControlFlow("switch ($T.readStr(in))", RuntimeNames.WIRE);
    for (int i = 0; i < record.components().size(); i++) {
      RecordModel.Component c = record.components().get(i);
      decode
          .addCode("case $S:\n", c.pythonName())
          .addStatement(
              "$>$N = $T.readField(kryo, in, $N, $S)",
              localNames.get(i),
              RuntimeNames.CODEC_SUPPORT,
              codecFields.get(i),
              c.pythonName())
          .addStatement("break$<");
    }
    decode
        .addCode("default:\n")
        .addStatement("$>$T.skip(in)", RuntimeNames.WIRE)
        .addStatement("break$<")
        .endControlFlow()
        .endControlFlow();
    List<CodeBlock> ctorArgs = new ArrayList<>();
    for (int i = 0; i < record.components().size(); i++) {
      RecordModel.Component c = record.components().get(i);
      if (c.type() instanceof JavaType.Builtin b && b.primitive()) {
        ctorArgs.add(
            CodeBlock.of(
                "$T.required($N, $S, this)",
                RuntimeNames.CODEC_SUPPORT,
                localNames.get(i),
                c.pythonName()));
      } else {
        ctorArgs.add(CodeBlock.of("$N", localNames.get(i)));
      }
    }
    decode.addStatement("return new $T($L)", target, CodeBlock.join(ctorArgs, ", "));

    MethodSpec.Builder write =
        codec
            .write()
            .addStatement(
                "$T.writeFields(out, PYTHON_TYPE, $L)",
                RuntimeNames.CODEC_SUPPORT,
                record.components().size());
    for (int i = 0; i < record.components().size(); i++) {
      RecordModel.Component c = record.components().get(i);
      write.addStatement(
          "$T.writeField(kryo, out, $S, $N, value.$N())",
          RuntimeNames.CODEC_SUPPORT,
          c.pythonName(),
          codecFields.get(i),
          c.javaName());
    }
    return codec.finish();
  }
}
