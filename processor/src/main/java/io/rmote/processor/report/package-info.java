/**
 * The processor's diagnostics: every message text in one place, and the reporter that ties them to
 * elements.
 */
package io.rmote.processor.report;
