package io.opsplane.healing.policy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyThrottleTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private static HealingPolicy policy(String cooldown, String rateLimit) {
        return HealingPolicyReader.read("policies:\n  - name: p\n    cooldown: " + cooldown + "\n"
                + (rateLimit.isEmpty() ? "" : "    rate_limit: " + rateLimit + "\n")
                + "    triggers: [{event: JobStarted}]\n    actions: [{type: acknowledge_alert}]\n").get(0);
    }

    /** Past runs are {@code policy/target@minutesAgo}, separated by spaces. */
    @ParameterizedTest(name = "cooldown {0}, limit {1}, runs [{2}] → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            0s  | ''                      | ''                                | allowed
            10m | ''                      | p/shop@5                          | cooling down
            10m | ''                      | p/shop@10                         | allowed
            10m | ''                      | p/web@5                           | allowed
            10m | ''                      | q/shop@5                          | allowed
            0s  | '{max: 2, period: 1h}'  | p/shop@10 p/shop@50               | within PT1H
            0s  | '{max: 2, period: 1h}'  | p/shop@10 p/shop@60               | allowed
            0s  | '{max: 2, period: 1h}'  | p/shop@10 p/web@20                | allowed
            0s  | '{max: 2, period: 1h}'  | p/shop@10 p/shop@-5               | allowed
            5m  | '{max: 1, period: 1h}'  | p/shop@30                         | within PT1H
            """)
    void refusesRunsInCooldownOrOverTheTargetsLimit(String cooldown, String rateLimit, String runs, String expected) {
        List<PolicyThrottle.Run> history = runs.isEmpty() ? List.of() : Arrays.stream(runs.split(" ")).map(run -> {
            String[] part = run.split("[/@]");
            return new PolicyThrottle.Run(part[0], part[1], NOW.minusSeconds(60L * Integer.parseInt(part[2])));
        }).toList();
        String outcome = PolicyThrottle.refusal(policy(cooldown, rateLimit), "shop", history, NOW).orElse("allowed");
        assertTrue(outcome.contains(expected), outcome);
    }
}
