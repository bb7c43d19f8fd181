package io.opsplane.healing.learning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Learns how often each action fixes each kind of issue and re-ranks a policy's actions by it. The expected success
 * rate is the mean of a Beta(1,1) prior updated with the outcomes, {@code (successes + 1) / (outcomes + 2)}: an untried
 * action starts at 0.5, and one lucky run cannot put an action above one with a long good record. Equal rates keep the
 * policy's own order, so with no history the policy runs as written.
 */
public final class LearningEngine {

    private record Key(IssueSignature signature, String action) {
    }

    private static final class Record {
        int successes;
        int failures;
    }

    private final Map<Key, Record> records = new HashMap<>();

    public void recordOutcome(IssueSignature signature, String action, boolean success) {
        Record record = records.computeIfAbsent(new Key(signature, action), key -> new Record());
        if (success) {
            record.successes++;
        } else {
            record.failures++;
        }
    }

    /** The actions, best expected success first; {@code actionName} gives the name outcomes were recorded under. */
    public <A> List<RankedAction<A>> rank(IssueSignature signature, List<A> actions, Function<A, String> actionName) {
        List<RankedAction<A>> ranked = new ArrayList<>();
        for (A action : actions) {
            Record record = records.getOrDefault(new Key(signature, actionName.apply(action)), new Record());
            double expected = (record.successes + 1.0) / (record.successes + record.failures + 2.0);
            ranked.add(new RankedAction<>(action, record.successes, record.failures, expected));
        }
        ranked.sort(Comparator.comparingDouble((RankedAction<A> action) -> action.expectedSuccess()).reversed());
        return List.copyOf(ranked);
    }
}
