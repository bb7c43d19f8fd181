package io.opsplane.observability.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.proto.observability.v1.BuildInfoResult;
import io.opsplane.testing.MetricsStoreTestResource;
import io.opsplane.testing.OpsplaneTestResources;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The same metrics API against VictoriaMetrics, started by the test on its own port: the store is one setting
 * ({@code opsplane.metrics.url}) away from any backend with Prometheus's HTTP API.
 */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "observability"))
@WithTestResource(value = MetricsStoreTestResource.class, initArgs = {
    @ResourceArg(name = "max-samples", value = "50"),
    @ResourceArg(name = "store", value = MetricsStoreTestResource.VICTORIA_METRICS)})
class MetricsApiOnVictoriaMetricsTest extends MetricsApiContract {

    @Override
    void assertUnclosedParenthesis(String query, String description) {
        // VictoriaMetrics's own words: the query, and where its parser stopped.
        assertTrue(description.startsWith("error when executing query="), description);
        assertTrue(description.contains("unparsed data"), description);
    }

    @Override
    void assertTooManyPoints(String description) {
        assertTrue(description.contains("cannot exceed -search.maxPointsPerTimeseries"), description);
    }

    @Override
    void assertScalar(io.opsplane.proto.observability.v1.QueryResult result, double value, long timestampMs) {
        assertEquals(io.opsplane.proto.observability.v1.ResultType.VECTOR, result.getResultType());
        assertEquals(java.util.Map.of(), result.getSeries(0).getLabelsMap());
        assertEquals(value, result.getSeries(0).getSamples(0).getValue());
        assertEquals(timestampMs, result.getSeries(0).getSamples(0).getTimestampMs());
    }

    @Override
    void assertBuildInfo(BuildInfoResult info) {
        // VictoriaMetrics answers the endpoint, with no build fields.
        assertTrue(info.getInfoMap().values().stream().allMatch(value -> value != null), info.toString());
    }
}
