package io.opsplane.gateway.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsplane.gateway.testing.FakeServices;
import io.opsplane.gateway.testing.ThroughFakeServices;
import io.opsplane.gateway.testing.WithFakeServices;
import io.opsplane.proto.observability.v1.GetTraceRequest;
import io.opsplane.proto.observability.v1.SearchLogsRequest;
import io.opsplane.proto.observability.v1.SearchSpansRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * Trace and log searches through the gateway reach observability-service's TelemetryService, next to the other
 * resources under {@code /api/v1}, with their parameters as its messages.
 */
@QuarkusTest
@TestProfile(WithFakeServices.class)
class TelemetryThroughFakeServicesTest extends ThroughFakeServices {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @Test
    void aTraceIsReadByIdAndAnUnknownOneIs404() {
        caller().when().get("/api/v1/traces/" + TRACE_ID).then().statusCode(200)
                .body("traceId", equalTo(TRACE_ID)).body("spanCount", equalTo(1));
        assertEquals(TRACE_ID, FakeServices.lastRequest(GetTraceRequest.class).getTraceId());
        caller().when().get("/api/v1/traces/" + "1".repeat(32)).then().statusCode(404);
    }

    @Test
    void spansAndLogsAreSearchedWithTheirFilters() {
        caller().queryParam("service", "gateway").queryParam("minDuration", "250ms")
                .when().get("/api/v1/traces").then().statusCode(200).body("nextPageToken", equalTo("next"));
        SearchSpansRequest spans = FakeServices.lastRequest(SearchSpansRequest.class);
        assertEquals("gateway", spans.getService());
        assertEquals(250_000_000, spans.getMinDuration().getNanos());
        caller().queryParam("severity", "error").queryParam("text", "timeout")
                .when().get("/api/v1/logs").then().statusCode(200);
        SearchLogsRequest logs = FakeServices.lastRequest(SearchLogsRequest.class);
        assertEquals(17, logs.getMinSeverity());
        assertEquals("timeout", logs.getText());
    }
}
