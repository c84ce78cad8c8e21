package io.rmote.samples.di;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import io.rmote.Remote;
import jakarta.inject.Singleton;

/**
 * {@link HostReport} wired by Guice. Guice opens the {@link Remote} (one per injector) and has no
 * shutdown of its own, so the application closes it, in a try-with-resources around its work.
 */
public final class GuiceApp {

  /**
   * The wiring: the connection and the tool; Guice builds {@link HostReport} by its constructor.
   */
  public static final class Wiring extends AbstractModule {
    /** The connection, one per injector. */
    @Provides
    @Singleton
    Remote remote() {
      return Remote.local();
    }

    /** The generated proxy, calling through the connection above. */
    @Provides
    HostFacts hostFacts(Remote remote) {
      return remote.tool(HostFacts.class);
    }
  }

  /** Prints the report of the local host, then closes the connection the injector opened. */
  public static void main(String[] args) {
    Injector injector = Guice.createInjector(new Wiring());
    Remote remote = injector.getInstance(Remote.class);
    try {
      System.out.println(injector.getInstance(HostReport.class).describe());
    } finally {
      remote.close();
    }
  }

  private GuiceApp() {}
}
