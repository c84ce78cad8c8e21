package io.rmote.processor.model;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @RemoteTool} interface as the Java side declares it.
 *
 * @param element the interface
 * @param annotation its {@code @RemoteTool}, for messages about the source
 * @param sourceValue the annotation's {@code source} value, for messages about the source
 * @param source the Python source's resource path, such as {@code tools/system_tool.py}
 * @param pythonClass the Python tool class's name
 * @param methods the remote methods: every abstract method, in declaration order
 * @param requiresPython the annotation's {@code requiresPython}, {@code ""} if not given
 * @param requiresPythonValue that value as written, for messages about it; {@code null} if not
 *     given
 * @param exceptions the tool exceptions the methods declare in {@code throws}
 */
public record ToolInterface(
    TypeElement element,
    AnnotationMirror annotation,
    AnnotationValue sourceValue,
    String source,
    String pythonClass,
    List<ToolMethod> methods,
    String requiresPython,
    AnnotationValue requiresPythonValue,
    List<ToolException> exceptions) {}
