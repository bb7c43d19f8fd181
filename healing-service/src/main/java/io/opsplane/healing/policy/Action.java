package io.opsplane.healing.policy;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One step of a policy: tried {@code 1 + retries} times, each attempt given up after {@code timeout}. */
public record Action(ActionType type, Duration timeout, int retries, Map<String, ParameterTemplate> parameters) {

    public Action {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public Map<String, String> renderParameters(Map<String, String> labels) {
        Map<String, String> rendered = new LinkedHashMap<>();
        parameters.forEach((name, template) -> rendered.put(name, template.render(labels)));
        return rendered;
    }
}
