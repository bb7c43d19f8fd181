package io.opsplane.observability.dora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DoraCalculatorTest {

    private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofDays(10));

    private static Instant hour(double hours) {
        return FROM.plusSeconds(Math.round(hours * 3600));
    }

    /**
     * Facts separated by spaces: {@code commit:sha:hour}, {@code deploy:id:app:env:sha:hour},
     * {@code rollback:deploymentId:hour}, {@code incident:id:app:env:deployments(,):hour} (deployments may be
     * {@code -}), {@code resolved:incidentId:hour}. Each fact's event id is {@code e<position>}.
     */
    private static List<DoraFact> facts(String specs) {
        List<DoraFact> facts = new ArrayList<>();
        String[] parts = specs.split(" ");
        for (int i = 0; i < parts.length; i++) {
            String[] f = parts[i].split(":");
            String eventId = "e" + i;
            double at = Double.parseDouble(f[f.length - 1]);
            facts.add(switch (f[0]) {
                case "commit" -> new DoraFact.CommitBuilt(eventId, f[1], hour(at));
                case "deploy" -> new DoraFact.DeploymentCompleted(eventId, f[1], f[2], f[3], f[4], hour(at));
                case "rollback" -> new DoraFact.DeploymentRolledBack(eventId, f[1], hour(at));
                case "incident" -> new DoraFact.IncidentOpened(eventId, f[1], f[2], f[3],
                        f[4].equals("-") ? List.of() : List.of(f[4].split(",")), hour(at));
                case "resolved" -> new DoraFact.IncidentResolved(eventId, f[1], hour(at));
                default -> throw new IllegalArgumentException(parts[i]);
            });
        }
        return facts;
    }

    private static DoraReport report(String specs) {
        return DoraCalculator.report(facts(specs), "shop", "prod", FROM, TO);
    }

    private static String describe(DoraKey key) {
        return key.value().map(value -> String.format(Locale.ROOT, "%.3f", value)).orElse("none") + " "
                + key.band().map(Enum::name).orElse("none") + " " + String.join(",", key.eventIds());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            one clean deployment               | deploy:d1:shop:prod:a:1                                          | 0.000 ELITE e0
            rolled back                        | deploy:d1:shop:prod:a:1 rollback:d1:2                            | 1.000 LOW e0,e1
            two incidents on one deployment    | deploy:d1:shop:prod:a:1 deploy:d2:shop:prod:b:2 incident:i1:shop:prod:d1:3 incident:i2:shop:prod:d1:4 | 0.500 LOW e0,e2,e3,e1
            incident and rollback count once   | deploy:d1:shop:prod:a:1 deploy:d2:shop:prod:b:2 deploy:d3:shop:prod:c:3 rollback:d1:4 incident:i1:shop:prod:d1:5 | 0.333 LOW e0,e3,e4,e1,e2
            incident without a deployment      | deploy:d1:shop:prod:a:1 incident:i1:shop:prod:-:3                 | 0.000 ELITE e0
            other environment not counted      | deploy:d1:shop:prod:a:1 deploy:d2:shop:staging:a:2 rollback:d2:3  | 0.000 ELITE e0
            outside the period not counted     | deploy:d1:shop:prod:a:1 deploy:d0:shop:prod:a:-5 rollback:d0:-4   | 0.000 ELITE e0
            no deployments                     | commit:a:1                                                        | none none 
            """)
    void countsEachFailedDeploymentOnce(String title, String facts, String expected) {
        assertEquals(expected.strip(), describe(report(facts).changeFailureRate()).strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            one deployment in ten days         | deploy:d1:shop:prod:a:1                                          | 0.100 MEDIUM e0
            ten deployments in ten days        | deploy:d1:shop:prod:a:1 deploy:d2:shop:prod:a:2 deploy:d3:shop:prod:a:3 deploy:d4:shop:prod:a:4 deploy:d5:shop:prod:a:5 deploy:d6:shop:prod:a:6 deploy:d7:shop:prod:a:7 deploy:d8:shop:prod:a:8 deploy:d9:shop:prod:a:9 deploy:d10:shop:prod:a:10 | 1.000 ELITE e0,e1,e2,e3,e4,e5,e6,e7,e8,e9
            none                               | commit:a:1                                                        | 0.000 LOW 
            at the period's end not counted    | deploy:d1:shop:prod:a:240 deploy:d2:shop:prod:a:0                 | 0.100 MEDIUM e1
            """)
    void measuresDeploymentFrequency(String title, String facts, String expected) {
        assertEquals(expected.strip(), describe(report(facts).deploymentFrequency()).strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            commit an hour before              | commit:a:0 deploy:d1:shop:prod:a:1                                | 3600.000 ELITE e0,e1
            median of three                    | commit:a:0 commit:b:0 commit:c:0 deploy:d1:shop:prod:a:1 deploy:d2:shop:prod:b:30 deploy:d3:shop:prod:c:200 | 108000.000 HIGH e0,e3,e1,e4,e2,e5
            median of two is their mean        | commit:a:0 commit:b:0 deploy:d1:shop:prod:a:2 deploy:d2:shop:prod:b:4 | 10800.000 ELITE e0,e2,e1,e3
            commit before the period counts    | commit:a:-1000 deploy:d1:shop:prod:a:1                            | 3603600.000 LOW e0,e1
            unknown commit                     | deploy:d1:shop:prod:z:1                                           | none none 
            staging deployment                 | commit:a:0 deploy:d1:shop:staging:a:1                             | none none 
            """)
    void measuresLeadTimeFromCommitToDeployment(String title, String facts, String expected) {
        assertEquals(expected.strip(), describe(report(facts).leadTimeSeconds()).strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            resolved in half an hour           | incident:i1:shop:prod:-:1 resolved:i1:1.5                         | 1800.000 ELITE e0,e1
            still open                         | incident:i1:shop:prod:-:1                                         | none none 
            median of three                    | incident:i1:shop:prod:-:1 resolved:i1:2 incident:i2:shop:prod:-:3 resolved:i2:8 incident:i3:shop:prod:-:10 resolved:i3:100 | 18000.000 HIGH e0,e1,e2,e3,e4,e5
            other application                  | incident:i1:cart:prod:-:1 resolved:i1:2                           | none none 
            opened before the period           | incident:i1:shop:prod:-:-2 resolved:i1:2                          | none none 
            """)
    void measuresTimeToRestore(String title, String facts, String expected) {
        assertEquals(expected.strip(), describe(report(facts).timeToRestoreSeconds()).strip());
    }

    @Test
    void refusesAnEmptyPeriod() {
        assertThrows(IllegalArgumentException.class, () -> DoraCalculator.report(List.of(), "shop", "prod", TO, TO));
    }

    @Test
    void keepsTheReportsScope() {
        DoraReport report = report("deploy:d1:shop:prod:a:1");
        assertEquals(List.of("shop", "prod", FROM, TO), List.of(report.application(), report.environment(),
                report.from(), report.to()));
        assertEquals(Optional.of(PerformanceBand.ELITE), report.changeFailureRate().band());
    }
}
