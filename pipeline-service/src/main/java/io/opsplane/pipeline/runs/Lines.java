package io.opsplane.pipeline.runs;

import java.util.Arrays;
import java.util.List;

/** Lists stored one entry per line (stage names, notices): none of them may hold a line break. */
public final class Lines {

    private Lines() {
    }

    public static String join(List<String> values) {
        return String.join("\n", values.stream().map(v -> v.replace('\n', ' ').replace('\r', ' ')).toList());
    }

    public static List<String> split(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : Arrays.asList(stored.split("\n", -1));
    }

    /** Comma-separated, sorted, distinct: how tags are stored and compared in SQL. */
    public static String tags(List<String> tags) {
        return String.join(",", tags.stream().map(String::strip).filter(t -> !t.isEmpty()).distinct().sorted().toList());
    }

    public static List<String> splitTags(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(","));
    }
}
