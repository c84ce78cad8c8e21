/**
 * One small application wired by three containers: {@link io.rmote.samples.di.HostReport} gets the
 * generated proxy of {@link io.rmote.samples.di.HostFacts} injected, and each container owns the
 * {@link io.rmote.Remote} that proxy calls through and closes it when the application shuts down
 * ({@link io.rmote.samples.di.SpringApp}, {@link io.rmote.samples.di.GuiceApp}, {@link
 * io.rmote.samples.di.DaggerApp}).
 */
package io.rmote.samples.di;
