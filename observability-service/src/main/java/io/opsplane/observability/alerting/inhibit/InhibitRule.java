package io.opsplane.observability.alerting.inhibit;

import io.opsplane.observability.alerting.matcher.Matchers;
import java.util.List;

/**
 * A firing alert matching {@code source} mutes alerts matching {@code target} that have the same {@code equal}
 * labels.
 */
public record InhibitRule(Matchers source, Matchers target, List<String> equal) {

    public InhibitRule {
        equal = List.copyOf(equal);
    }
}
