/**
 * The workloads that {@code benchmarks/run} measures, each against a baseline where one exists.
 * Figures come from here only; no test asserts on time.
 */
package io.rmote.benchmarks;
