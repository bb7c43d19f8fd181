package io.opsplane.observability.alerting.support;

import java.util.Map;
import java.util.TreeMap;

/** Test tables write label sets as {@code a=1 b=2}; "-" is the empty set. */
public final class Labels {

    private Labels() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> labels = new TreeMap<>();
        if (text == null || text.isBlank() || text.equals("-")) {
            return labels;
        }
        for (String pair : text.trim().split("\\s+")) {
            String[] kv = pair.split("=", 2);
            labels.put(kv[0], kv[1]);
        }
        return labels;
    }
}
