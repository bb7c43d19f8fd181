package io.opsplane.platform.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceContextHeadersTest {

    @ParameterizedTest(name = "baggage [{0}], traceparent [{1}] → {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "opsplane.correlation_id=demo-1 | NULL | demo-1",
            "a=b, opsplane.correlation_id=demo-2;prop=x , c=d | NULL | demo-2",
            "opsplane.correlation_id=with%20space | NULL | with space",
            "other=1 | 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01 | 0af7651916cd43dd8448eb211c80319c",
            "opsplane.correlation_id= | 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01 | 0af7651916cd43dd8448eb211c80319c",
            "NULL | NULL | NULL",
            "NULL | garbage | NULL",
    })
    void theCorrelationIdComesFromBaggageElseTheTraceId(String baggage, String traceparent, String expected) {
        assertEquals(expected, TraceContext.correlationIdOf(baggage, traceparent));
    }
}
