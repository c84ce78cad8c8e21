/**
 * Runnable examples. The README's Java blocks are marked regions of these sources (and of some
 * tests); {@code ReadmeTest} checks that each block equals its region.
 */
package io.rmote.samples;
