package io.opsplane.healing.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiagnoserTest {

    private static final Instant FIRST_ALERT = Instant.parse("2026-12-07T12:00:00Z");
    private static final Diagnoser DIAGNOSER = new Diagnoser(Duration.ofMinutes(60));

    /** Symptoms are {@code label=value,...@minutesAfterFirstAlert}, separated by spaces. */
    private static List<Symptom> symptoms(String specs) {
        return Arrays.stream(specs.split(" ")).map(spec -> {
            String[] part = spec.split("@");
            Map<String, String> labels = new HashMap<>();
            for (String pair : part[0].split(",")) {
                labels.put(pair.split("=")[0], pair.split("=")[1]);
            }
            return new Symptom("a" + labels.hashCode(), labels, 0.2,
                    FIRST_ALERT.plus(Duration.ofMinutes(Integer.parseInt(part[1]))));
        }).toList();
    }

    /**
     * Changes are {@code id:kind:application:environment:version:track:minutesBeforeFirstAlert:inProgress},
     * separated by spaces; {@code -} stands for an empty version or track.
     */
    private static List<CandidateChange> changes(String specs) {
        return Arrays.stream(specs.split(" ")).map(spec -> {
            String[] f = spec.split(":");
            return new CandidateChange(f[0], CandidateChange.Kind.valueOf(f[1].toUpperCase(Locale.ROOT)), f[2], f[3],
                    f[4].equals("-") ? "" : f[4], f[5].equals("-") ? "" : f[5],
                    FIRST_ALERT.minus(Duration.ofMinutes(Integer.parseInt(f[6]))), Boolean.parseBoolean(f[7]));
        }).toList();
    }

    private static String ranking(String symptoms, String changes) {
        return String.join(" ", DIAGNOSER.suspects(symptoms(symptoms), changes(changes)).stream()
                .map(s -> s.change().id() + "=" + String.format(Locale.ROOT, "%.3f", s.score())).toList());
    }

    private static final String CANARY_ERRORS = "application=shop,environment=prod,track=canary,version=2.1@0";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            canary of the failing version first  | application=shop,environment=prod,track=canary,version=2.1@0 | d1:deployment:shop:prod:2.1:canary:5:true d0:deployment:shop:prod:2.0:stable:50:false | d1=0.979 d0=0.342
            version label alone                  | application=shop,environment=prod,version=2.1@0 | d1:deployment:shop:prod:2.1:-:30:false | d1=0.725
            track label when versions differ     | application=shop,environment=prod,track=canary,version=9.9@0 | d1:deployment:shop:prod:2.1:canary:30:false | d1=0.725
            closer change ranks higher           | application=shop,environment=prod@0 | c1:configuration:shop:prod:v7:-:40:false c2:configuration:shop:prod:v8:-:10:false | c2=0.508 c1=0.383
            other application same environment   | application=shop,environment=prod@0 | d1:deployment:cart:prod:1.0:-:0:false | d1=0.350
            other application and environment    | application=shop,environment=prod@0 | d1:deployment:cart:staging:1.0:-:0:false | ''
            after the first alert                | application=shop,environment=prod@0 | d1:deployment:shop:prod:1.0:-:-1:false | ''
            before the window                    | application=shop,environment=prod@0 | d1:deployment:shop:prod:1.0:-:61:false | ''
            at the window's start                | application=shop,environment=prod@0 | d1:deployment:shop:prod:1.0:-:60:false | d1=0.300
            first alert is the earliest symptom  | application=shop,environment=prod@20 application=shop,environment=prod@0 | d1:deployment:shop:prod:1.0:-:10:false | d1=0.508
            later symptom does not widen window  | application=shop,environment=prod@0 application=shop,environment=prod@30 | d1:deployment:shop:prod:1.0:-:-10:false | ''
            equal scores: later change first     | application=shop,environment=prod@0 | a:pipeline_run:shop:prod:-:-:10:false b:pipeline_run:shop:prod:-:-:10:false c:pipeline_run:shop:prod:-:-:5:false | c=0.529 a=0.508 b=0.508
            pipeline run in progress             | application=shop,environment=prod@0 | p1:pipeline_run:shop:prod:-:-:2:true | p1=0.692
            """)
    void ranksSuspectedChanges(String title, String symptoms, String changes, String expected) {
        assertEquals(expected, ranking(symptoms, changes));
    }

    @Test
    void givesTheReasonsBehindEachScore() {
        SuspectedChange suspect = DIAGNOSER.suspects(symptoms(CANARY_ERRORS),
                changes("d1:deployment:shop:prod:2.1:canary:6:true")).get(0);
        assertEquals(List.of("started PT6M before the first alert", "same application shop", "same environment prod",
                "failing series have version 2.1", "canary still in progress"), suspect.reasons());
    }

    @Test
    void suspectsNothingWithoutSymptoms() {
        assertEquals(List.of(), DIAGNOSER.suspects(List.of(), changes("d1:deployment:shop:prod:2.1:canary:6:true")));
    }
}
