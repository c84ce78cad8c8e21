/**
 * Stage one on the Java side: the {@code @RemoteTool} interfaces, their methods and the records and
 * enums they reach, read from javac's elements into plain models.
 */
package io.rmote.processor.model;
