/**
 * Stage two: the Java models checked against the scanned Python source, every disagreement reported
 * on its Java element.
 */
package io.rmote.processor.validate;
