package io.opsplane.deploy.analysis;

import io.opsplane.deploy.analysis.condition.ConditionParser;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The seed's rule as a template: the canary's error ratio and p99 latency may exceed stable's
 * by at most one percentage point and 100 ms, measured every minute five times (Flagger's
 * interval). Series carry the labels {@code application}, {@code environment}, {@code track}
 * and {@code version}; the demo application's {@code http_requests_total{code}} and
 * {@code http_request_duration_seconds} histogram provide them.
 */
public final class CanaryVersusStableTemplate {

    public static final String NAME = "canary-vs-stable";

    private static final String SELECTOR = "application=\"{{args.application}}\",environment=\"{{args.environment}}\","
            + "track=\"%s\",version=\"{{args.%s-version}}\"";

    private CanaryVersusStableTemplate() {
    }

    public static AnalysisTemplate create() {
        String errorRatio = "sum(rate(http_requests_total{%1$s,code=~\"5..\"}[1m])) / sum(rate(http_requests_total{%1$s}[1m]))";
        String p99 = "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{%s}[1m])))";
        String canary = SELECTOR.formatted("canary", "canary");
        String stable = SELECTOR.formatted("stable", "stable");
        MetricSpec errorRate = metric("error-rate",
                "(" + errorRatio.formatted(canary) + ") - (" + errorRatio.formatted(stable) + ")",
                "result[0] <= 0.01");
        MetricSpec latency = metric("p99-latency",
                "(" + p99.formatted(canary) + ") - (" + p99.formatted(stable) + ")",
                "result[0] <= 0.1");
        return new AnalysisTemplate(NAME, List.of(Argument.required("application"), Argument.required("environment"),
                Argument.required("canary-version"), Argument.required("stable-version")), List.of(errorRate, latency));
    }

    private static MetricSpec metric(String name, String query, String successCondition) {
        return new MetricSpec(name, query, Optional.of(Duration.ofMinutes(1)), OptionalInt.of(5),
                Optional.of(ConditionParser.parse(name + ".successCondition", successCondition)), Optional.empty(),
                1, 1, MetricSpec.DEFAULT_CONSECUTIVE_ERROR_LIMIT);
    }
}
