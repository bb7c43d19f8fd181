package io.opsplane.observability.rules;

import io.opsplane.observability.promql.ParsedQuery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** A recording rule: its query's result stored under a new metric name, with the rule's labels set. */
public record RecordingRule(String name, ParsedQuery expr, SortedMap<String, String> labels) implements Rule {

    public RecordingRule {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /**
     * The series to write for one evaluation result, as Prometheus 2.42 builds them: the metric
     * name set to the rule's name, the rule's labels set (an empty value removes the label).
     *
     * @param limit the group's limit, 0 for none
     * @throws RuleEvaluationException when two series end with the same labels or the limit is exceeded
     */
    public List<Sample> evaluate(List<Sample> result, int limit) {
        List<Sample> out = new ArrayList<>(result.size());
        Set<SortedMap<String, String>> seen = new HashSet<>();
        for (Sample sample : result) {
            SortedMap<String, String> series = new TreeMap<>(sample.labels());
            series.put("__name__", name);
            labels.forEach((label, value) -> setOrRemove(series, label, value));
            if (!seen.add(series)) {
                throw new RuleEvaluationException("vector contains metrics with the same labelset after applying rule labels");
            }
            out.add(new Sample(series, sample.value()));
        }
        if (limit > 0 && out.size() > limit) {
            throw new RuleEvaluationException("exceeded limit of " + limit + " with " + out.size() + " series");
        }
        return out;
    }

    static void setOrRemove(SortedMap<String, String> labels, String name, String value) {
        if (value.isEmpty()) {
            labels.remove(name);
        } else {
            labels.put(name, value);
        }
    }
}
