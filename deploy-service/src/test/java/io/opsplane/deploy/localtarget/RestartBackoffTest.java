package io.opsplane.deploy.localtarget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opsplane.deploy.validation.InvalidFieldException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestartBackoffTest {

    private static final RestartBackoff STANDARD = RestartBackoff.standard();

    @ParameterizedTest
    @CsvSource({
            "1,          1000",
            "2,          2000",
            "3,          4000",
            "6,          32000",
            "7,          60000",
            "8,          60000",
            "2147483647, 60000",
    })
    void theDelayDoublesUpToTheMaximum(int crashesInARow, long millis) {
        assertEquals(Duration.ofMillis(millis), STANDARD.delay(crashesInARow));
    }

    @ParameterizedTest
    @CsvSource({
            // previous crashes in a row | ran for (s) | this crash's number
            "0, 1,   1",
            "1, 1,   2",
            "5, 299, 6",
            "5, 300, 1",
            "9, 3600, 1",
    })
    void aCrashAfterAStableRunStartsTheCountAgain(int previous, long ranForSeconds, int number) {
        assertEquals(number, STANDARD.crashNumber(previous, Duration.ofSeconds(ranForSeconds)));
    }

    @Test
    void refusesSettingsThatMakeNoSense() {
        assertEquals("max", assertThrows(InvalidFieldException.class,
                () -> new RestartBackoff(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(1))).field());
        assertEquals("initial", assertThrows(InvalidFieldException.class,
                () -> new RestartBackoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(1))).field());
        assertEquals("stableAfter", assertThrows(InvalidFieldException.class,
                () -> new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), null)).field());
        assertThrows(IllegalArgumentException.class, () -> STANDARD.delay(0));
    }
}
