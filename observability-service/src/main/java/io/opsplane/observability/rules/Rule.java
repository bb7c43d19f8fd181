package io.opsplane.observability.rules;

import io.opsplane.observability.promql.ParsedQuery;
import java.util.SortedMap;

/** A rule of a group: recording or alerting. */
public sealed interface Rule permits AlertingRule, RecordingRule {

    /** The alert name or the recorded metric name. */
    String name();

    ParsedQuery expr();

    /** The rule's labels as written (templates, for alerting rules). */
    SortedMap<String, String> labels();
}
