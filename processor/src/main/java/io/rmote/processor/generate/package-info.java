/**
 * Stage three: the generated code, written with JavaPoet: a proxy per interface, a codec per record
 * and enum, and the provider that registers them. Golden files under {@code
 * src/test/resources/golden} pin its shape.
 */
package io.rmote.processor.generate;
