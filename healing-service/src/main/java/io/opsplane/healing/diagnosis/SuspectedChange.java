package io.opsplane.healing.diagnosis;

import java.util.List;

/** A change diagnosis suspects, with a score between 0 and 1 and the reasons that make it up. */
public record SuspectedChange(CandidateChange change, double score, List<String> reasons) {

    public SuspectedChange {
        reasons = List.copyOf(reasons);
    }
}
