package io.opsplane.pipeline.runs;

import io.opsplane.pipeline.definition.model.NeedSpec;
import java.util.ArrayList;
import java.util.List;

/** Stores a job's needs one per line as {@code <0|1><TAB><job>}; 1 means the artifacts are downloaded. */
final class NeedLines {

    record StoredNeed(String job, boolean artifacts) {
    }

    private NeedLines() {
    }

    static String write(List<NeedSpec> needs) {
        StringBuilder out = new StringBuilder();
        for (NeedSpec need : needs) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(need.artifacts() ? '1' : '0').append('\t').append(need.job());
        }
        return out.toString();
    }

    static List<StoredNeed> read(String stored) {
        List<StoredNeed> needs = new ArrayList<>();
        if (stored == null || stored.isEmpty()) {
            return needs;
        }
        for (String line : stored.split("\n")) {
            needs.add(new StoredNeed(line.substring(2), line.charAt(0) == '1'));
        }
        return needs;
    }
}
