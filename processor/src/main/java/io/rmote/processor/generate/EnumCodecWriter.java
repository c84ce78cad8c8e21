package io.rmote.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import io.rmote.processor.model.EnumModel;

/**
 * Writes the codec of an enum: members travel by name (the member's value is never looked at, so
 * {@code auto()} and any value type work), and a member the Java enum lacks fails with a clear
 * {@code MappingException}.
 */
public final class EnumCodecWriter {

  /**
   * The codec's source.
   *
   * @param e the enum
   * @param wireName the Python enum's {@code __qualname__}, such as {@code SystemTool.State}
   * @param pythonSource the source file and line it was checked against, for the Javadoc
   */
  public JavaFile write(EnumModel e, String wireName, String pythonSource) {
    RuntimeNames.CodecSkeleton codec =
        RuntimeNames.codecSkeleton(
            e.element(),
            wireName,
            "Maps {@link $T} to and from the Python enum {@code $L} ($L), by member name.\n",
            ClassName.get(e.element()),
            wireName,
            pythonSource);
    MethodSpec.Builder decode =
        codec
            .decode()
            .addStatement(
                "String member = $T.readMember(in, tag, this)", RuntimeNames.CODEC_SUPPORT)
            .beginControlFlow("switch (member)");
    for (EnumModel.Constant c : e.constants()) {
      decode
          .addCode("case $S:\n", c.pythonName())
          .addStatement("$>return $T.$N$<", codec.target(), c.javaName());
    }
    decode
        .addCode("default:\n")
        .addStatement("$>throw $T.unknownMember(member, this)$<", RuntimeNames.CODEC_SUPPORT)
        .endControlFlow();

    MethodSpec.Builder write = codec.write().beginControlFlow("switch (value)");
    for (EnumModel.Constant c : e.constants()) {
      write
          .addCode("case $N:\n", c.javaName())
          .addStatement(
              "$>$T.writeMember(kryo, out, PYTHON_TYPE, $S)",
              RuntimeNames.CODEC_SUPPORT,
              c.pythonName())
          .addStatement("break$<");
    }
    write
        .addCode("default:\n")
        .addStatement("$>throw new $T(value.name())$<", IllegalArgumentException.class)
        .endControlFlow();
    return codec.finish();
  }
}
