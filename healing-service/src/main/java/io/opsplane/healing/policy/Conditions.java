package io.opsplane.healing.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What must hold besides a trigger: the {@code environment} and {@code severity} labels among the listed ones (an
 * empty list allows any), and {@code now} inside one of the time windows (none means always).
 */
public record Conditions(Set<String> environments, Set<String> severities, List<TimeWindow> windows) {

    public static final Conditions NONE = new Conditions(Set.of(), Set.of(), List.of());

    public Conditions {
        environments = Set.copyOf(environments);
        severities = Set.copyOf(severities);
        windows = List.copyOf(windows);
    }

    public boolean hold(Map<String, String> labels, Instant now) {
        return allows(environments, labels.get("environment"))
                && allows(severities, labels.get("severity"))
                && (windows.isEmpty() || windows.stream().anyMatch(window -> window.contains(now)));
    }

    private static boolean allows(Set<String> allowed, String actual) {
        return allowed.isEmpty() || (actual != null && allowed.contains(actual));
    }
}
