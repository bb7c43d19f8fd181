package io.opsplane.observability.rules.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * How a rule's last evaluation went, as Prometheus reports it: health "ok", "err" or "unknown" (not yet
 * evaluated), the last error ("" when none), when and how long.
 */
public record RuleHealth(String health, String lastError, Instant lastEvaluation, Duration evaluationTime) {

    public static final String OK = "ok";
    public static final String ERR = "err";
    public static final String UNKNOWN = "unknown";

    public static RuleHealth unknown() {
        return new RuleHealth(UNKNOWN, "", null, Duration.ZERO);
    }
}
