package io.opsplane.healing.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks the changes that may have caused a set of symptoms. A change is a suspect when it started within the
 * window before the first alert fired and touched an application or environment the alerts are about; its score
 * adds up the evidence:
 * <ul>
 *   <li>time proximity, up to {@value #PROXIMITY} for a change right before the first alert, falling linearly to 0
 *       at the window's start;</li>
 *   <li>{@value #SAME_APPLICATION} for the same application, {@value #SAME_ENVIRONMENT} for the same environment;</li>
 *   <li>{@value #SAME_VERSION} when a failing series carries the change's {@code version} or {@code track} label —
 *       the strongest sign, since the errors come from what the change put in place;</li>
 *   <li>{@value #IN_PROGRESS} for a rollout still in progress, as a canary is while it is being analysed.</li>
 * </ul>
 * The weights add up to 1; ties go to the later change, then to the smaller id, so the result is deterministic.
 */
public final class Diagnoser {

    static final double PROXIMITY = 0.25;
    static final double SAME_APPLICATION = 0.2;
    static final double SAME_ENVIRONMENT = 0.1;
    static final double SAME_VERSION = 0.3;
    static final double IN_PROGRESS = 0.15;

    private static final Comparator<SuspectedChange> RANKING = Comparator
            .comparingDouble(SuspectedChange::score).reversed()
            .thenComparing(suspect -> suspect.change().at(), Comparator.reverseOrder())
            .thenComparing(suspect -> suspect.change().id());

    private final Duration window;

    public Diagnoser(Duration window) {
        this.window = window;
    }

    /** The suspects among {@code changes}, best first; none when there are no symptoms. */
    public List<SuspectedChange> suspects(List<Symptom> symptoms, List<CandidateChange> changes) {
        if (symptoms.isEmpty()) {
            return List.of();
        }
        Instant firstAlert = symptoms.stream().map(Symptom::firstFiringAt).min(Instant::compareTo).orElseThrow();
        List<SuspectedChange> suspects = new ArrayList<>();
        for (CandidateChange change : changes) {
            if (change.at().isAfter(firstAlert) || change.at().isBefore(firstAlert.minus(window))) {
                continue;
            }
            boolean sameApplication = symptoms.stream().anyMatch(s -> s.label("application").equals(change.application()));
            boolean sameEnvironment = symptoms.stream().anyMatch(s -> s.label("environment").equals(change.environment()));
            if (!sameApplication && !sameEnvironment) {
                continue;
            }
            suspects.add(score(change, symptoms, firstAlert, sameApplication, sameEnvironment));
        }
        suspects.sort(RANKING);
        return List.copyOf(suspects);
    }

    private SuspectedChange score(CandidateChange change, List<Symptom> symptoms, Instant firstAlert,
            boolean sameApplication, boolean sameEnvironment) {
        List<String> reasons = new ArrayList<>();
        Duration before = Duration.between(change.at(), firstAlert);
        double score = window.isZero() ? PROXIMITY
                : PROXIMITY * (1 - (double) before.toMillis() / window.toMillis());
        reasons.add("started " + before + " before the first alert");
        if (sameApplication) {
            score += SAME_APPLICATION;
            reasons.add("same application " + change.application());
        }
        if (sameEnvironment) {
            score += SAME_ENVIRONMENT;
            reasons.add("same environment " + change.environment());
        }
        if (failingSeriesCarry(symptoms, "version", change.version())) {
            score += SAME_VERSION;
            reasons.add("failing series have version " + change.version());
        } else if (failingSeriesCarry(symptoms, "track", change.track())) {
            score += SAME_VERSION;
            reasons.add("failing series are on the " + change.track() + " track");
        }
        if (change.inProgress()) {
            score += IN_PROGRESS;
            reasons.add(change.track().isEmpty() ? "still in progress" : change.track() + " still in progress");
        }
        return new SuspectedChange(change, score, reasons);
    }

    private static boolean failingSeriesCarry(List<Symptom> symptoms, String label, String value) {
        return !value.isEmpty() && symptoms.stream().anyMatch(symptom -> symptom.label(label).equals(value));
    }
}
