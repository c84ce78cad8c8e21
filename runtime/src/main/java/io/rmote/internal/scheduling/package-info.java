/**
 * Where rmote's background work runs: {@link io.rmote.internal.scheduling.Scheduler}, the one owner
 * of its threads, timers and workers. Internal: not an API.
 */
package io.rmote.internal.scheduling;
