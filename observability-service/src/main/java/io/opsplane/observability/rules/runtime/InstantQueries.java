package io.opsplane.observability.rules.runtime;

import io.opsplane.observability.metrics.MetricsStoreException;
import io.opsplane.observability.rules.RuleGroupEvaluator.InstantQuery;
import io.opsplane.observability.rules.Sample;
import io.opsplane.proto.observability.v1.QueryResult;
import io.opsplane.proto.observability.v1.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A rule's query answered by the metrics store, read as Prometheus's rule engine reads its own engine's
 * answer: a vector as it is, a scalar as one series with no labels, anything else an error.
 */
public final class InstantQueries {

    private InstantQueries() {
    }

    public interface Store {
        QueryResult query(String expr, java.time.Instant at);
    }

    public static InstantQuery of(Store store) {
        return (expr, at) -> samples(store.query(expr, at));
    }

    static List<Sample> samples(QueryResult result) {
        return switch (result.getResultType()) {
            case VECTOR -> {
                List<Sample> samples = new ArrayList<>(result.getSeriesCount());
                for (Series series : result.getSeriesList()) {
                    if (series.getSamplesCount() != 1) {
                        throw new MetricsStoreException(MetricsStoreException.Kind.INTERNAL,
                                "the metrics store answered a vector series with " + series.getSamplesCount() + " samples");
                    }
                    samples.add(Sample.of(series.getLabelsMap(), series.getSamples(0).getValue()));
                }
                yield samples;
            }
            case SCALAR -> List.of(Sample.of(Map.of(), result.getPoint().getValue()));
            default -> throw new MetricsStoreException(MetricsStoreException.Kind.BAD_DATA,
                    "rule result is not a vector or scalar");
        };
    }
}
