package io.rmote.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.rmote.processor.model.EnumModel;
import javax.lang.model.element.Modifier;

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
    ClassName self = Poet.codecClass(e.element());
    ClassName target = ClassName.get(e.element());
    TypeSpec.Builder type = TypeSpec.classBuilder(self)
        .addOriginatingElement(e.element())
        .addAnnotation(Poet.generated())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(ParameterizedTypeName.get(Poet.VALUE_CODEC, target))
        .addJavadoc("Maps {@link $T} to and from the Python enum {@code $L} ($L), by member name.\n",
            target, wireName, pythonSource)
        .addField(FieldSpec.builder(self, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The one instance; codecs are stateless.\n")
            .initializer("new $T()", self)
            .build())
        .addField(FieldSpec.builder(String.class, "PYTHON_TYPE", Modifier.STATIC, Modifier.FINAL)
            .initializer("$S", wireName)
            .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());

    MethodSpec.Builder decode = MethodSpec.methodBuilder("decode")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(target)
        .addParameter(Poet.KRYO, "kryo")
        .addParameter(Poet.INPUT, "in")
        .addParameter(int.class, "tag")
        .beginControlFlow("if (tag == $T.NONE)", Poet.TAG)
        .addStatement("return null")
        .endControlFlow()
        .addStatement("String member = $T.readMember(in, tag, this)", Poet.CODEC_SUPPORT)
        .beginControlFlow("switch (member)");
    for (EnumModel.Constant c : e.constants()) {
      decode.addCode("case $S:\n", c.pythonName()).addStatement("$>return $T.$N$<", target, c.javaName());
    }
    decode.addCode("default:\n").addStatement("$>throw $T.unknownMember(member, this)$<", Poet.CODEC_SUPPORT)
        .endControlFlow();
    type.addMethod(decode.build());

    MethodSpec.Builder write = MethodSpec.methodBuilder("write")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(Poet.KRYO, "kryo")
        .addParameter(Poet.OUTPUT, "out")
        .addParameter(target, "value")
        .beginControlFlow("if (value == null)")
        .addStatement("out.writeByte($T.NONE)", Poet.TAG)
        .addStatement("return")
        .endControlFlow()
        .beginControlFlow("switch (value)");
    for (EnumModel.Constant c : e.constants()) {
      write.addCode("case $N:\n", c.javaName())
          .addStatement("$>$T.writeMember(kryo, out, PYTHON_TYPE, $S)", Poet.CODEC_SUPPORT, c.pythonName())
          .addStatement("break$<");
    }
    write.addCode("default:\n")
        .addStatement("$>throw new $T(value.name())$<", IllegalArgumentException.class)
        .endControlFlow();
    type.addMethod(write.build());
    type.addMethod(RecordCodecWriter.javaType(target));
    return JavaFile.builder(self.packageName(), type.build()).skipJavaLangImports(true).indent("  ").build();
  }
}
