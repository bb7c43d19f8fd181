package io.opsplane.gateway.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Times and durations read as Prometheus 2.42 reads them (its messages included). */
class PromParamsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1700000000|1700000000|0",
            "1700000000.123|1700000000|123000000",
            "1700000000.1239|1700000000|124000000",
            "-1|-1|0",
            ".5|0|500000000",
            "2026-01-01T00:00:00Z|1767225600|0",
            "2026-01-01T01:00:00.5+01:00|1767225600|500000000"})
    void times(String value, long seconds, int nanos) {
        assertEquals(Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build(), PromParams.time("time", value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "15|15|0", "0.25|0|250000000", "15s|15|0", "500ms|0|500000000", "1m30s|90|0", "2h|7200|0", "1d|86400|0",
            "1w|604800|0", "1y|31536000|0", "1h30m5s250ms|5405|250000000", "0|0|0", "0s|0|0"})
    void durations(String value, long seconds, int nanos) {
        assertEquals(Duration.newBuilder().setSeconds(seconds).setNanos(nanos).build(), PromParams.duration("step", value));
    }

    @Test
    void absentIsNone() {
        assertNull(PromParams.time("time", null));
        assertNull(PromParams.time("time", ""));
        assertNull(PromParams.duration("step", null));
        assertNull(PromParams.duration("step", ""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "time|yesterday|invalid parameter \"time\": cannot parse \"yesterday\" to a valid timestamp",
            "time|2026-13-01T00:00:00Z|invalid parameter \"time\": cannot parse \"2026-13-01T00:00:00Z\" to a valid timestamp",
            "time|1e10|invalid parameter \"time\": cannot parse \"1e10\" to a valid timestamp",
            "time|99999999999999999|invalid parameter \"time\": cannot parse \"99999999999999999\" to a valid timestamp",
            "step|abc|invalid parameter \"step\": cannot parse \"abc\" to a valid duration",
            "step|1x|invalid parameter \"step\": cannot parse \"1x\" to a valid duration",
            "step|s|invalid parameter \"step\": cannot parse \"s\" to a valid duration",
            "step|5m1h|invalid parameter \"step\": cannot parse \"5m1h\" to a valid duration",
            "step|-5|invalid parameter \"step\": zero or negative durations are not accepted",
            "timeout|99999999999999999999y|invalid parameter \"timeout\": cannot parse \"99999999999999999999y\" to a valid duration. It overflows int64"})
    void badValuesAreBadDataInPrometheusWords(String name, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> {
                    if (name.equals("time")) {
                        PromParams.time(name, value);
                    } else {
                        PromParams.duration(name, value);
                    }
                });
        assertEquals(message, e.getMessage());
    }

    @Test
    void controlCharactersAreShownEscaped() {
        assertEquals("invalid parameter \"time\": cannot parse \"a\\u0000b\" to a valid timestamp",
                assertThrows(IllegalArgumentException.class, () -> PromParams.time("time", "a\u0000b")).getMessage());
    }
}
