package io.opsplane.gateway.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;

/**
 * What the gateway's authentication adds to each accepted request, as
 * {@code opsplane_gateway_authentication_seconds} with p50 and p99: a remembered token costs a hash and a
 * lookup, an unremembered one a call to security-service. Refused requests are not timed.
 */
@ApplicationScoped
public class AuthenticationTimer {

    @Inject
    MeterRegistry registry;

    private volatile Timer accepted;

    void accepted(long startedNanos) {
        Timer timer = accepted;
        if (timer == null) {
            timer = Timer.builder("opsplane.gateway.authentication")
                    .description("time to authenticate an accepted request's bearer token")
                    .publishPercentiles(0.5, 0.99).register(registry);
            accepted = timer;
        }
        timer.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }
}
