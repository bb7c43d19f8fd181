package io.opsplane.observability.alerting.timeinterval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsplane.observability.alerting.config.AlertmanagerConfigReader;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeIntervalTest {

    private static TimeInterval interval(String period) {
        return AlertmanagerConfigReader.read("""
                route: {receiver: r}
                receivers: [{name: r}]
                time_intervals:
                  - name: t
                    time_intervals:
                      - %s
                """.formatted(period)).timeIntervals().get("t");
    }

    @ParameterizedTest(name = "[{index}] {0} at {1}")
    @CsvSource(delimiter = ';', textBlock = """
            {times: [{start_time: '09:00', end_time: '17:00'}]}     ; 2026-03-04T09:00:00Z ; true
            {times: [{start_time: '09:00', end_time: '17:00'}]}     ; 2026-03-04T16:59:59Z ; true
            {times: [{start_time: '09:00', end_time: '17:00'}]}     ; 2026-03-04T17:00:00Z ; false
            {times: [{start_time: '09:00', end_time: '17:00'}]}     ; 2026-03-04T08:59:59Z ; false
            {times: [{start_time: '22:00', end_time: '24:00'}]}     ; 2026-03-04T23:59:59Z ; true
            {weekdays: ['monday:friday']}                           ; 2026-03-06T12:00:00Z ; true
            {weekdays: ['monday:friday']}                           ; 2026-03-07T12:00:00Z ; false
            {weekdays: [sunday]}                                    ; 2026-03-08T12:00:00Z ; true
            {weekdays: [Saturday, sunday]}                          ; 2026-03-07T00:00:00Z ; true
            {days_of_month: ['1:5']}                                ; 2026-03-05T23:00:00Z ; true
            {days_of_month: ['1:5']}                                ; 2026-03-06T00:00:00Z ; false
            {days_of_month: ['-1']}                                 ; 2026-02-28T10:00:00Z ; true
            {days_of_month: ['-1']}                                 ; 2028-02-28T10:00:00Z ; false
            {days_of_month: ['-1']}                                 ; 2028-02-29T10:00:00Z ; true
            {days_of_month: ['-3:-1']}                              ; 2026-04-28T10:00:00Z ; true
            {days_of_month: ['-3:-1']}                              ; 2026-04-27T10:00:00Z ; false
            {days_of_month: ['25:-1']}                              ; 2026-04-30T10:00:00Z ; true
            {days_of_month: ['31']}                                 ; 2026-04-30T10:00:00Z ; false
            {days_of_month: ['1:31']}                               ; 2026-04-30T10:00:00Z ; true
            {months: ['may:august']}                                ; 2026-08-31T10:00:00Z ; true
            {months: ['may:august']}                                ; 2026-09-01T10:00:00Z ; false
            {months: ['12']}                                        ; 2026-12-01T00:00:00Z ; true
            {years: ['2025:2026']}                                  ; 2026-12-31T23:59:59Z ; true
            {years: ['2025:2026']}                                  ; 2027-01-01T00:00:00Z ; false
            {times: [{start_time: '09:00', end_time: '17:00'}], location: Europe/Paris} ; 2026-07-01T07:30:00Z ; true
            {times: [{start_time: '09:00', end_time: '17:00'}], location: Europe/Paris} ; 2026-07-01T15:30:00Z ; false
            {weekdays: [monday], location: Australia/Sydney}        ; 2026-03-08T20:00:00Z ; true
            {weekdays: [monday], times: [{start_time: '09:00', end_time: '10:00'}]} ; 2026-03-09T09:30:00Z ; true
            {weekdays: [monday], times: [{start_time: '09:00', end_time: '10:00'}]} ; 2026-03-10T09:30:00Z ; false
            {}                                                      ; 2026-03-10T09:30:00Z ; true
            """)
    void containsAnInstantInTheIntervalsLocation(String period, String instant, boolean expected) {
        assertEquals(expected, interval(period).contains(Instant.parse(instant)));
    }
}
