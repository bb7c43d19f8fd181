package io.opsplane.observability.dora;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PerformanceBandTest {

    @ParameterizedTest(name = "{0} per day → {1}")
    @CsvSource(textBlock = """
            5.0,      ELITE
            1.0,      ELITE
            0.99,     HIGH
            0.142858, HIGH
            0.14,     MEDIUM
            0.034,    MEDIUM
            0.033,    LOW
            0.0,      LOW
            """)
    void bandsDeploymentFrequency(double perDay, PerformanceBand expected) {
        assertEquals(expected, PerformanceBand.ofDeploymentsPerDay(perDay));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(textBlock = """
            PT5M,   ELITE
            PT23H59M, ELITE
            PT24H,  HIGH
            P7D,    HIGH
            P7DT1S, MEDIUM
            P30D,   MEDIUM
            P31D,   LOW
            """)
    void bandsLeadTime(Duration leadTime, PerformanceBand expected) {
        assertEquals(expected, PerformanceBand.ofLeadTime(leadTime));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(textBlock = """
            0.0,  ELITE
            0.05, ELITE
            0.06, HIGH
            0.10, HIGH
            0.15, MEDIUM
            0.16, LOW
            1.0,  LOW
            """)
    void bandsChangeFailureRate(double rate, PerformanceBand expected) {
        assertEquals(expected, PerformanceBand.ofChangeFailureRate(rate));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(textBlock = """
            PT10M,  ELITE
            PT59M,  ELITE
            PT1H,   HIGH
            PT23H,  HIGH
            PT24H,  MEDIUM
            P7D,    MEDIUM
            P8D,    LOW
            """)
    void bandsTimeToRestore(Duration restore, PerformanceBand expected) {
        assertEquals(expected, PerformanceBand.ofTimeToRestore(restore));
    }
}
