package io.opsplane.platform.config;

import io.opsplane.platform.events.Topics;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Values every service shares: the clock (replaceable in tests) and the topic names. */
@ApplicationScoped
public class PlatformBeans {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    Topics topics(@ConfigProperty(name = "opsplane.topics.prefix", defaultValue = "opsplane") String prefix) {
        return new Topics(prefix);
    }
}
