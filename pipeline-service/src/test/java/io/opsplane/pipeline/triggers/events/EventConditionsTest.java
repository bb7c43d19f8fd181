package io.opsplane.pipeline.triggers.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventConditionsTest {

    private static final EventFacts CHANGE_APPLIED = new EventFacts("/deploy-service", "checkout",
            "{\"application\":\"checkout\",\"environment\":\"production\",\"version\":\"1.4.2\",\"replicas\":3,"
                    + "\"canary\":true,\"labels\":{\"team\":\"payments\"},\"hosts\":[\"a\",\"b\"]}");

    static Stream<Arguments> conditions() {
        return Stream.of(
                Arguments.of("no filter: every event of the type", List.of(), true),
                Arguments.of("equals on data", List.of(f("data.environment", "equals", "production")), true),
                Arguments.of("equals is exact", List.of(f("data.environment", "equals", "Production")), false),
                Arguments.of("the operator defaults to equals", List.of(f("data.environment", "", "production")), true),
                Arguments.of("nested field", List.of(f("data.labels.team", "equals", "payments")), true),
                Arguments.of("array index", List.of(f("data.hosts.1", "equals", "b")), true),
                Arguments.of("array index out of range", List.of(f("data.hosts.5", "exists", "")), false),
                Arguments.of("a number compares as written", List.of(f("data.replicas", "equals", "3")), true),
                Arguments.of("a boolean compares as written", List.of(f("data.canary", "equals", "true")), true),
                Arguments.of("subject", List.of(f("subject", "equals", "checkout")), true),
                Arguments.of("source prefix", List.of(f("source", "prefix", "/deploy")), true),
                Arguments.of("not_equals", List.of(f("data.environment", "not_equals", "staging")), true),
                Arguments.of("not_equals on a missing field holds", List.of(f("data.nothing", "not_equals", "x")), true),
                Arguments.of("equals on a missing field fails", List.of(f("data.nothing", "equals", "")), false),
                Arguments.of("exists", List.of(f("data.version", "exists", "")), true),
                Arguments.of("matches is found anywhere", List.of(f("data.version", "matches", "4\\.2")), true),
                Arguments.of("matches anchored", List.of(f("data.version", "matches", "^1\\.[0-9]+\\.[0-9]+$")), true),
                Arguments.of("matches with a slash", List.of(f("source", "matches", "^/deploy-")), true),
                Arguments.of("every filter must hold", List.of(f("data.environment", "equals", "production"),
                        f("data.application", "equals", "billing")), false),
                Arguments.of("a catastrophic pattern is no match, not a hang",
                        List.of(f("data.payload", "matches", "^(a+)+$")), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditions")
    void anEventStartsARunWhenEveryFilterHolds(String name, List<EventFilter> filters, boolean expected) {
        assertEquals(expected, EventConditions.compile(filters).matches(CHANGE_APPLIED));
    }

    @org.junit.jupiter.api.Test
    void aBacktrackingPatternOnHostileDataGivesUp() {
        EventFacts hostile = new EventFacts("s", "x", "{\"payload\":\"" + "a".repeat(40) + "!\"}");
        assertEquals(false, EventConditions.compile(List.of(f("data.payload", "matches", "^(a+)+$"))).matches(hostile));
    }

    @org.junit.jupiter.api.Test
    void dataThatIsNotJsonHasNoFields() {
        EventFacts broken = new EventFacts("s", "x", "{not json");
        assertEquals(false, EventConditions.compile(List.of(f("data.a", "exists", ""))).matches(broken));
        assertEquals(true, EventConditions.compile(List.of(f("subject", "equals", "x"))).matches(broken));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(List.of(f("payload", "equals", "x")), "filter 1: the field 'payload' is not subject"),
                Arguments.of(List.of(f("data.", "equals", "x")), "the field 'data.'"),
                Arguments.of(List.of(f("subject", "equals", "x"), f("subject", "like", "x")),
                        "filter 2: the operator 'like'"),
                Arguments.of(List.of(f("subject", "matches", "")), "matches needs a regular expression"),
                Arguments.of(List.of(f("subject", "matches", "(?<=a)b")), "RE2"),
                Arguments.of(List.of(f("subject", "matches", "(a")), "invalid regular expression"),
                Arguments.of(List.of(f("subject", "equals", "x".repeat(1025))), "more than 1024 characters"),
                Arguments.of(Collections.nCopies(21, f("subject", "equals", "x")), "at most 20 filters"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refusals")
    void refusesFiltersThatCannotWork(List<EventFilter> filters, String message) {
        InvalidTriggerException refused = assertThrows(InvalidTriggerException.class,
                () -> EventConditions.compile(filters));
        assertTrue(refused.getMessage().contains(message), refused.getMessage());
    }

    private static EventFilter f(String field, String operator, String value) {
        return new EventFilter(field, operator, value);
    }
}
