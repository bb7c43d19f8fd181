package io.opsplane.pipeline.definition.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code rules:} (or {@code workflow:rules:}). The first matching rule decides.
 *
 * @param ifExpression  the {@code if:} expression source, empty when absent
 * @param changes       {@code changes:} globs (also {@code changes: paths:}); empty when absent
 * @param exists        {@code exists:} globs; empty when absent
 * @param when          the rule's {@code when}, empty: the job's own
 * @param allowFailure  the rule's {@code allow_failure}, empty: the job's own
 * @param variables     variables the rule sets when it matches
 */
public record RuleSpec(String ifExpression, List<String> changes, List<String> exists, Optional<When> when,
        Optional<Duration> startIn, Optional<Boolean> allowFailure, Map<String, String> variables) {
}
