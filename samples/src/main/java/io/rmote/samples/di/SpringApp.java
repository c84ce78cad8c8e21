package io.rmote.samples.di;

import io.rmote.Remote;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link HostReport} wired by Spring: the {@link Remote} is a bean that the context closes when it
 * closes, and the tool is a bean made from it.
 */
public final class SpringApp {

  /** The wiring: three beans. */
  @Configuration(proxyBeanMethods = false)
  public static class Wiring {
    /** The connection; Spring calls {@code close()} on it when the context closes. */
    @Bean(destroyMethod = "close")
    public Remote remote() {
      return Remote.local();
    }

    /** The generated proxy, calling through the connection above. */
    @Bean
    public HostFacts hostFacts(Remote remote) {
      return remote.tool(HostFacts.class);
    }

    /** The application code, constructed with the proxy. */
    @Bean
    public HostReport hostReport(HostFacts facts) {
      return new HostReport(facts);
    }
  }

  /** Prints the report of the local host; closing the context closes the connection. */
  public static void main(String[] args) {
    try (AnnotationConfigApplicationContext context =
        new AnnotationConfigApplicationContext(Wiring.class)) {
      System.out.println(context.getBean(HostReport.class).describe());
    }
  }

  private SpringApp() {}
}
