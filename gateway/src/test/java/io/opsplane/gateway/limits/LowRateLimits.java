package io.opsplane.gateway.limits;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Limits a test reaches in a few calls: a burst of 3, then one request per 100 s. */
public class LowRateLimits implements QuarkusTestProfile {

    static final int BURST = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "opsplane.gateway.rate-limit.per-token.rate", "0.01",
                "opsplane.gateway.rate-limit.per-token.burst", String.valueOf(BURST),
                "opsplane.gateway.rate-limit.per-address.rate", "0.01",
                "opsplane.gateway.rate-limit.per-address.burst", String.valueOf(BURST));
    }

    /** Generous request limits, but an address may have only {@link #BURST} tokens refused. */
    public static class FewRefusedTokens implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "opsplane.gateway.rate-limit.refused-tokens-per-address.rate", "0.01",
                    "opsplane.gateway.rate-limit.refused-tokens-per-address.burst", String.valueOf(BURST));
        }
    }

    /** The same limits, with the test client's own address as a trusted proxy. */
    public static class BehindATrustedProxy extends LowRateLimits {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new java.util.HashMap<>(super.getConfigOverrides());
            overrides.put("opsplane.gateway.rate-limit.trusted-proxies", "127.0.0.1,0:0:0:0:0:0:0:1");
            return overrides;
        }
    }
}
