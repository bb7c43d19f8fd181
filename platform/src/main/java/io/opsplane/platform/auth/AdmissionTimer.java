package io.opsplane.platform.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;

/**
 * What authentication and authorisation add to each admitted gRPC call: the time from its arrival at the
 * interceptor to its admission, as {@code opsplane_grpc_admission_seconds} with p50 and p99, per caller kind
 * ({@code relayed}: a principal assertion; {@code token}: a bearer token). Refused calls are not timed.
 */
@ApplicationScoped
public class AdmissionTimer {

    @Inject
    MeterRegistry registry;

    private volatile Timer relayed;
    private volatile Timer token;

    void admitted(boolean relayedCaller, long arrivedNanos) {
        timer(relayedCaller).record(System.nanoTime() - arrivedNanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(boolean relayedCaller) {
        Timer timer = relayedCaller ? relayed : token;
        if (timer == null) {
            timer = Timer.builder("opsplane.grpc.admission").tag("caller", relayedCaller ? "relayed" : "token")
                    .description("time from a call's arrival to its admission: caller verification and permission check")
                    .publishPercentiles(0.5, 0.99).register(registry);
            if (relayedCaller) {
                relayed = timer;
            } else {
                token = timer;
            }
        }
        return timer;
    }
}
