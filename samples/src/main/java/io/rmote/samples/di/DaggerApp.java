package io.rmote.samples.di;

import dagger.Component;
import dagger.Module;
import dagger.Provides;
import io.rmote.Remote;
import jakarta.inject.Singleton;

/**
 * {@link HostReport} wired by Dagger, at compile time (Dagger generates {@code
 * DaggerDaggerApp_Graph}). Like Guice, Dagger opens the {@link Remote} (one per graph) and has no
 * shutdown of its own: the graph hands it out and the application closes it.
 */
public final class DaggerApp {

  /**
   * The wiring: the connection and the tool; Dagger builds {@link HostReport} by its constructor.
   */
  @Module
  public interface Wiring {
    /** The connection, one per graph. */
    @Provides
    @Singleton
    static Remote remote() {
      return Remote.local();
    }

    /** The generated proxy, calling through the connection above. */
    @Provides
    static HostFacts hostFacts(Remote remote) {
      return remote.tool(HostFacts.class);
    }
  }

  /** The object graph: what the application takes from it. */
  @Singleton
  @Component(modules = Wiring.class)
  public interface Graph {
    /** The application code. */
    HostReport report();

    /** The connection, for the application to close at shutdown. */
    Remote remote();
  }

  /** Prints the report of the local host, then closes the connection the graph opened. */
  public static void main(String[] args) {
    Graph graph = DaggerDaggerApp_Graph.create();
    Remote remote = graph.remote();
    try {
      System.out.println(graph.report().describe());
    } finally {
      remote.close();
    }
  }

  private DaggerApp() {}
}
