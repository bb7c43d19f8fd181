package io.opsplane.healing.learning;

import java.util.Map;

/**
 * What makes two issues "the same" for learning: the alert and the application and environment it is about. Instance
 * or pod labels are left out so that what worked on one replica counts for the next.
 */
public record IssueSignature(String alertname, String application, String environment) {

    public static IssueSignature of(Map<String, String> labels) {
        return new IssueSignature(labels.getOrDefault("alertname", ""), labels.getOrDefault("application", ""),
                labels.getOrDefault("environment", ""));
    }
}
