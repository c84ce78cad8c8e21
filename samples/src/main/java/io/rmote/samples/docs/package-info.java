/**
 * The code of the pages in {@code docs/}: each Java block of a page is a marked region of one of
 * these sources (or of a test), which the build compiles and a test in {@code
 * samples/src/test/java/io/rmote/samples/docs/} runs.
 */
package io.rmote.samples.docs;
