package io.opsplane.observability.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.proto.observability.v1.BuildInfoResult;
import io.opsplane.testing.MetricsStoreTestResource;
import io.opsplane.testing.OpsplaneTestResources;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The metrics API against Prometheus (the launcher's, or OPSPLANE_METRICS_URL). */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "observability"))
@WithTestResource(value = MetricsStoreTestResource.class, initArgs = @ResourceArg(name = "max-samples", value = "50"))
class MetricsApiTest extends MetricsApiContract {

    @Override
    void assertUnclosedParenthesis(String query, String description) {
        // Prometheus's own words, with the line and column where the query ends unclosed.
        assertEquals("invalid parameter \"query\": 1:" + (query.length() + 1)
                + ": parse error: unclosed left parenthesis", description);
    }

    @Override
    void assertTooManyPoints(String description) {
        assertTrue(description.contains("exceeded maximum resolution of 11,000 points"), description);
    }

    @Override
    void assertScalar(io.opsplane.proto.observability.v1.QueryResult result, double value, long timestampMs) {
        assertEquals(io.opsplane.proto.observability.v1.ResultType.SCALAR, result.getResultType());
        assertEquals(value, result.getPoint().getValue());
        assertEquals(timestampMs, result.getPoint().getTimestampMs());
    }

    @Override
    void assertBuildInfo(BuildInfoResult info) {
        assertFalse(info.getInfoOrDefault("version", "").isEmpty());
    }
}
