package io.opsplane.security.approval;

import java.time.Duration;

/** How long an approval request stays valid: the default, or what the requester asks up to the maximum. */
public record ApprovalLifetime(Duration defaultTtl, Duration maxTtl) {

    public ApprovalLifetime {
        if (defaultTtl.isNegative() || defaultTtl.isZero() || maxTtl.compareTo(defaultTtl) < 0) {
            throw new IllegalArgumentException("approval lifetimes need 0 < default <= maximum");
        }
    }

    /** 0 takes the default. */
    public Duration ttl(long seconds) {
        if (seconds == 0) {
            return defaultTtl;
        }
        if (seconds < 0 || seconds > maxTtl.toSeconds()) {
            throw new IllegalArgumentException("ttl_seconds must be between 1 and " + maxTtl.toSeconds());
        }
        return Duration.ofSeconds(seconds);
    }
}
