/**
 * JMH micro-benchmarks of the controller's wire code, run by {@code benchmarks/run JMH} or by JMH's
 * own {@code org.openjdk.jmh.Main}: frame encode and decode, each value type's codec, and the
 * encode path of a generated proxy. No Python runs here; these measure Java alone.
 */
package io.rmote.benchmarks.micro;
