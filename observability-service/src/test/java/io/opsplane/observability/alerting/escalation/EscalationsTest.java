package io.opsplane.observability.alerting.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EscalationsTest {

    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final EscalationPolicy ON_CALL = new EscalationPolicy("on-call", List.of(
            new EscalationPolicy.Level(Duration.ZERO, List.of("primary")),
            new EscalationPolicy.Level(Duration.ofMinutes(15), List.of("secondary")),
            new EscalationPolicy.Level(Duration.ofMinutes(45), List.of("manager", "chat"))));

    /**
     * Steps separated by "|": {@code <minutes> fire <group>}, {@code ack <group>}, {@code resolve <group>},
     * {@code due <expected>} with expected "-" or {@code group:level:receivers} joined by spaces; {@code restart}.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            escalates level by level ; 0 fire g | 0 due g:0:primary | 14 due - | 15 due g:1:secondary | 44 due - | 45 due g:2:manager,chat | 500 due -
            catches up on missed levels in order ; 0 fire g | 50 due g:0:primary g:1:secondary g:2:manager,chat
            acknowledgement stops it ; 0 fire g | 0 due g:0:primary | 10 ack g | 60 due -
            resolution stops it ; 0 fire g | 0 due g:0:primary | 10 resolve g | 60 due -
            firing again does not restart it ; 0 fire g | 0 due g:0:primary | 10 fire g | 15 due g:1:secondary
            groups escalate on their own ; 0 fire a | 10 fire b | 10 due a:0:primary b:0:primary | 15 due a:1:secondary | 25 due b:1:secondary
            a restart goes on where it was ; 0 fire g | 0 due g:0:primary | restart | 15 due g:1:secondary | 20 ack g | restart | 60 due -
            a resolved group fires anew from level 0 ; 0 fire g | 20 due g:0:primary g:1:secondary | 30 resolve g | 40 fire g | 40 due g:0:primary
            """)
    void escalatesUntilAcknowledgedOrResolved(String name, String steps) {
        Map<String, EscalationPolicy> policies = Map.of("on-call", ON_CALL);
        Escalations escalations = new Escalations(policies);
        for (String step : steps.split("\\|")) {
            String[] parts = step.trim().split(" ", 3);
            if (parts[0].equals("restart")) {
                escalations = Escalations.restore(policies, escalations.export());
                continue;
            }
            Instant now = T0.plus(Duration.ofMinutes(Long.parseLong(parts[0])));
            switch (parts[1]) {
                case "fire" -> escalations.firing(parts[2], "on-call", now);
                case "ack" -> assertTrue(escalations.acknowledge(parts[2], "alice", now));
                case "resolve" -> escalations.resolved(parts[2]);
                case "due" -> {
                    List<String> due = new ArrayList<>();
                    for (EscalationStep each : escalations.due(now)) {
                        due.add(each.groupKey() + ":" + each.level() + ":" + String.join(",", each.receivers()));
                    }
                    assertEquals(parts[2], due.isEmpty() ? "-" : due.stream().collect(Collectors.joining(" ")),
                            name + " at " + parts[0] + "m");
                }
                default -> throw new IllegalArgumentException(step);
            }
        }
    }

    @Test
    void acknowledgingTwiceOrAnUnknownGroupChangesNothing() {
        Escalations escalations = new Escalations(Map.of("on-call", ON_CALL));
        assertFalse(escalations.acknowledge("nothing", "alice", T0));
        escalations.firing("g", "on-call", T0);
        assertTrue(escalations.acknowledge("g", "alice", T0.plusSeconds(5)));
        assertFalse(escalations.acknowledge("g", "bob", T0.plusSeconds(6)));
        assertEquals("alice", escalations.export().get(0).acknowledgedBy().orElseThrow());
        assertThrows(InvalidPolicyException.class, () -> escalations.firing("h", "missing", T0));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = ';', textBlock = """
            -                 ; levels: at least one level required
            PT-1M:a           ; levels[0].delay: cannot be negative
            PT0S:a PT0S:b     ; levels[1].delay: must be longer than the delay of level 0
            PT5M:a PT1M:b     ; levels[1].delay: must be longer than the delay of level 0
            PT0S:             ; levels[0].receivers: at least one receiver required
            """)
    void refusesPoliciesThatCannotWork(String levels, String message) {
        List<EscalationPolicy.Level> parsed = new ArrayList<>();
        if (!levels.equals("-")) {
            for (String level : levels.split(" ")) {
                String[] parts = level.split(":", -1);
                parsed.add(new EscalationPolicy.Level(Duration.parse(parts[0]),
                        parts[1].isEmpty() ? List.of() : List.of(parts[1].split(","))));
            }
        }
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
                () -> new EscalationPolicy("p", parsed));
        assertEquals(message, e.getMessage());
    }
}
