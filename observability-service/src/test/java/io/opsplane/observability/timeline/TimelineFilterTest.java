package io.opsplane.observability.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.observability.timeline.TimelineFilter.Cursor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TimelineFilterTest {

    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-02T00:00:00Z");
    private static final String NOT_ISSUED = "cursor is not one this service issued";
    private static final String AFTER_CONDITION =
            "(eventTime > :afterTime or (eventTime = :afterTime and eventId > :afterId))";
    private static final Pattern NAMED_PARAMETER = Pattern.compile(":([A-Za-z]+)");

    private static String base64url(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static TimelineFilter withText(String field, String value) {
        return switch (field) {
            case "correlationId" -> TimelineFilter.of(value, null, null, null, null, 0, null);
            case "type" -> TimelineFilter.of(null, value, null, null, null, 0, null);
            case "subject" -> TimelineFilter.of(null, null, value, null, null, 0, null);
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static Set<String> namedParametersIn(String where) {
        Set<String> names = new HashSet<>();
        Matcher matcher = NAMED_PARAMETER.matcher(where);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    @Nested
    class Defaults {

        @Test
        void nothingGivenMeansEverythingWithTheDefaultPageSize() {
            TimelineFilter filter = TimelineFilter.of(null, null, null, null, null, 0, null);

            assertEquals(TimelineFilter.DEFAULT_LIMIT, filter.limit());
            assertEquals(100, filter.limit());
            assertNull(filter.correlationId());
            assertNull(filter.type());
            assertNull(filter.subject());
            assertNull(filter.from());
            assertNull(filter.to());
            assertNull(filter.after());
            assertEquals("1 = 1", filter.where());
            assertTrue(filter.parameters().isEmpty());
        }

        @Test
        void blankStringsMeanAny() {
            TimelineFilter filter = TimelineFilter.of("", "   ", "\t", null, null, 0, " ");

            assertNull(filter.correlationId());
            assertNull(filter.type());
            assertNull(filter.subject());
            assertNull(filter.after());
            assertEquals("1 = 1", filter.where());
            assertTrue(filter.parameters().isEmpty());
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" ", "\n"})
        void aBlankCursorMeansTheFirstPage(String cursor) {
            assertNull(TimelineFilter.of(null, null, null, null, null, 0, cursor).after());
        }
    }

    @Nested
    class Conditions {

        static Stream<Arguments> singleFilters() {
            Cursor cursor = new Cursor(T1, "evt-1");
            Map<String, Object> afterParameters = new LinkedHashMap<>();
            afterParameters.put("afterTime", T1);
            afterParameters.put("afterId", "evt-1");
            return Stream.of(
                    Arguments.of("correlation id", TimelineFilter.of("corr-1", null, null, null, null, 0, null),
                            "correlationId = :correlationId", Map.of("correlationId", "corr-1")),
                    Arguments.of("type", TimelineFilter.of(null, "opsplane.events.v1.PipelineRegistered", null, null,
                            null, 0, null), "eventType = :type",
                            Map.of("type", "opsplane.events.v1.PipelineRegistered")),
                    Arguments.of("subject", TimelineFilter.of(null, null, "build", null, null, 0, null),
                            "subject = :subject", Map.of("subject", "build")),
                    Arguments.of("from", TimelineFilter.of(null, null, null, T1, null, 0, null),
                            "eventTime >= :from", Map.of("from", T1)),
                    Arguments.of("to", TimelineFilter.of(null, null, null, null, T2, 0, null),
                            "eventTime < :to", Map.of("to", T2)),
                    Arguments.of("cursor", TimelineFilter.of(null, null, null, null, null, 0, cursor.encode()),
                            AFTER_CONDITION, afterParameters));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("singleFilters")
        void eachFilterAddsExactlyItsConditionAndParameters(String label, TimelineFilter filter, String where,
                Map<String, Object> parameters) {
            assertEquals(where, filter.where());
            assertEquals(parameters, filter.parameters());
        }

        @Test
        void allFiltersAreJoinedWithAndInAFixedOrder() {
            Cursor cursor = new Cursor(T1.plusSeconds(60), "evt-9");
            TimelineFilter filter = TimelineFilter.of("corr-1", "t", "s", T1, T2, 10, cursor.encode());

            assertEquals("correlationId = :correlationId and eventType = :type and subject = :subject"
                    + " and eventTime >= :from and eventTime < :to and " + AFTER_CONDITION, filter.where());
            assertEquals(List.of("correlationId", "type", "subject", "from", "to", "afterTime", "afterId"),
                    List.copyOf(filter.parameters().keySet()));
            assertEquals(List.of("corr-1", "t", "s", T1, T2, T1.plusSeconds(60), "evt-9"),
                    List.copyOf(filter.parameters().values()));
            assertEquals(10, filter.limit());
        }

        static Stream<TimelineFilter> variousFilters() {
            String cursor = new Cursor(T1, "e").encode();
            return Stream.of(
                    TimelineFilter.of(null, null, null, null, null, 0, null),
                    TimelineFilter.of("c", null, "s", null, T2, 0, null),
                    TimelineFilter.of(null, "t", null, T1, null, 0, cursor),
                    TimelineFilter.of("c", "t", "s", T1, T2, 0, cursor));
        }

        @ParameterizedTest
        @MethodSource("variousFilters")
        void everyNamedParameterInTheConditionHasAValueAndViceVersa(TimelineFilter filter) {
            assertEquals(namedParametersIn(filter.where()), filter.parameters().keySet());
        }
    }

    @Nested
    class Limits {

        static Stream<Arguments> acceptedLimits() {
            return Stream.of(
                    Arguments.of(0, 100),
                    Arguments.of(1, 1),
                    Arguments.of(50, 50),
                    Arguments.of(999, 999),
                    Arguments.of(1000, 1000));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @MethodSource("acceptedLimits")
        void limitsFromOneToAThousandAreKept(int requested, int expected) {
            assertEquals(expected, TimelineFilter.of(null, null, null, null, null, requested, null).limit());
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, 1001, Integer.MIN_VALUE, Integer.MAX_VALUE})
        void limitsOutsideTheRangeAreRejected(int limit) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TimelineFilter.of(null, null, null, null, null, limit, null));

            assertEquals("limit must be between 1 and 1000", e.getMessage());
        }
    }

    @Nested
    class TimeRange {

        @Test
        void toBeforeFromIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TimelineFilter.of(null, null, null, T2, T1, 0, null));

            assertEquals("to must not be before from", e.getMessage());
        }

        @Test
        void toOneNanosecondBeforeFromIsRejected() {
            assertThrows(IllegalArgumentException.class,
                    () -> TimelineFilter.of(null, null, null, T1, T1.minusNanos(1), 0, null));
        }

        @Test
        void equalFromAndToAreAccepted() {
            TimelineFilter filter = TimelineFilter.of(null, null, null, T1, T1, 0, null);

            assertEquals(T1, filter.from());
            assertEquals(T1, filter.to());
            assertEquals("eventTime >= :from and eventTime < :to", filter.where());
        }

        @Test
        void fromBeforeToIsAccepted() {
            TimelineFilter filter = TimelineFilter.of(null, null, null, T1, T2, 0, null);

            assertEquals(Map.of("from", T1, "to", T2), filter.parameters());
        }
    }

    @Nested
    class Cursors {

        static Stream<Cursor> cursors() {
            return Stream.of(
                    new Cursor(T1, "evt-1"),
                    new Cursor(Instant.parse("2026-03-01T12:34:56.123456789Z"), "0190a8f2-7c1e-7b3a-9d4e-1f2a3b4c5d6e"),
                    new Cursor(Instant.EPOCH, "x"),
                    new Cursor(T2, "id|with|bars"),
                    new Cursor(T2, "\u00e9v\u00e9nement \uD83D\uDE80"));
        }

        @ParameterizedTest
        @MethodSource("cursors")
        void aCursorDecodesToWhatWasEncoded(Cursor cursor) {
            assertEquals(cursor, Cursor.decode(cursor.encode()));
        }

        @ParameterizedTest
        @MethodSource("cursors")
        void anEncodedCursorIsUrlSafeWithoutPadding(Cursor cursor) {
            assertTrue(cursor.encode().matches("[A-Za-z0-9_-]+"), cursor.encode());
        }

        @Test
        void anIssuedCursorBecomesThePositionToContinueAfter() {
            Cursor cursor = new Cursor(T1, "evt-7");

            assertEquals(cursor, TimelineFilter.of(null, null, null, null, null, 0, cursor.encode()).after());
        }

        static Stream<Arguments> garbage() {
            return Stream.of(
                    Arguments.of("not base64", "%%%"),
                    Arguments.of("standard base64 alphabet", "ab+/"),
                    Arguments.of("no bar", base64url("no-bar")),
                    Arguments.of("time only", base64url("2026-01-01T00:00:00Z")),
                    Arguments.of("not a time", base64url("notatime|id")),
                    Arguments.of("date without time", base64url("2026-01-01|id")),
                    Arguments.of("empty id", base64url("2026-01-01T00:00:00Z|")),
                    Arguments.of("empty time", base64url("|id")),
                    Arguments.of("bar only", base64url("|")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("garbage")
        void garbageCursorsAreRejected(String label, String cursor) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cursor.decode(cursor));

            assertEquals(NOT_ISSUED, e.getMessage());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("garbage")
        void garbageCursorsAreRejectedByTheFilter(String label, String cursor) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TimelineFilter.of(null, null, null, null, null, 0, cursor));

            assertEquals(NOT_ISSUED, e.getMessage());
        }

        @Test
        void decodingAnEmptyCursorIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cursor.decode(""));

            assertEquals(NOT_ISSUED, e.getMessage());
        }
    }

    @Nested
    class Text {

        static Stream<String> fields() {
            return Stream.of("correlationId", "type", "subject");
        }

        @ParameterizedTest
        @MethodSource("fields")
        void twoHundredFiftyFiveCharactersAreAccepted(String field) {
            TimelineFilter filter = withText(field, "x".repeat(255));

            assertEquals("x".repeat(255), filter.parameters().get(field));
        }

        @ParameterizedTest
        @MethodSource("fields")
        void textIsKeptAsGivenIncludingSurroundingSpacesAndUnicode(String field) {
            assertEquals(" d\u00e9ploiement ", withText(field, " d\u00e9ploiement ").parameters().get(field));
        }

        @ParameterizedTest
        @MethodSource("fields")
        void twoHundredFiftySixCharactersAreRejectedNamingTheField(String field) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> withText(field, "x".repeat(256)));

            assertEquals(field + " must be at most 255 characters without control characters", e.getMessage());
        }

        static Stream<Arguments> controlCharacters() {
            return fields().flatMap(field -> Stream.of("\u0000", "a\u0000", "a\tb", "a\nb", "a\rb", "\u001b[31m",
                    "a\u007f", "a\u0085", "a\u009f").map(value -> Arguments.of(field, value)));
        }

        @ParameterizedTest
        @MethodSource("controlCharacters")
        void controlCharactersAreRejectedNamingTheField(String field, String value) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withText(field, value));

            assertTrue(e.getMessage().startsWith(field + " must be at most 255"), e.getMessage());
        }
    }
}
