package io.opsplane.observability.alerting.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Matchers that must all hold, kept in Alertmanager's order. */
public record Matchers(List<Matcher> list) {

    public Matchers {
        List<Matcher> sorted = new ArrayList<>(list);
        sorted.sort(Matcher.ORDER);
        list = List.copyOf(sorted);
    }

    public boolean matches(Map<String, String> labels) {
        for (Matcher matcher : list) {
            if (!matcher.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** {@code {a="1",b=~"x.*"}}, as Alertmanager prints a route's matchers in a group key. */
    @Override
    public String toString() {
        return list.stream().map(Matcher::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
