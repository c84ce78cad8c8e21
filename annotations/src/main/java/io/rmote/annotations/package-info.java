/**
 * The contract between a Java interface and a Python tool class: {@link
 * io.rmote.annotations.RemoteTool} and {@link io.rmote.annotations.PythonName}.
 */
package io.rmote.annotations;
