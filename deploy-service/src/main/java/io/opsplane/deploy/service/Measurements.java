package io.opsplane.deploy.service;

import io.opsplane.deploy.analysis.Measurement;
import io.opsplane.deploy.analysis.condition.MetricValue;
import io.opsplane.deploy.domain.MeasurementRow;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stored measurement rows as the analysis engine's measurements. */
public final class Measurements {

    private Measurements() {
    }

    public static Measurement of(MeasurementRow row) {
        if (!row.error.isEmpty()) {
            return Measurement.failed(row.takenAt, row.error);
        }
        List<Double> values = values(row);
        return Measurement.of(row.takenAt, row.isList ? MetricValue.list(values) : MetricValue.number(values.get(0)));
    }

    public static List<Double> values(MeasurementRow row) {
        List<Double> values = new ArrayList<>();
        if (!row.valueList.isEmpty()) {
            for (Object value : new JsonArray(row.valueList)) {
                values.add(value instanceof Number number ? number.doubleValue() : Double.parseDouble(String.valueOf(value)));
            }
        }
        return values;
    }

    /** Values as JSON; NaN and infinities (which PromQL can answer) as strings JSON can hold. */
    public static String encode(List<Double> values) {
        JsonArray array = new JsonArray();
        values.forEach(value -> array.add(Double.isFinite(value) ? (Object) value : (Object) String.valueOf(value)));
        return array.encode();
    }

    public static Map<String, List<Measurement>> byMetric(List<MeasurementRow> rows) {
        Map<String, List<Measurement>> byMetric = new LinkedHashMap<>();
        rows.forEach(row -> byMetric.computeIfAbsent(row.metric, metric -> new ArrayList<>()).add(of(row)));
        return byMetric;
    }

    static Optional<String> error(MeasurementRow row) {
        return row.error.isEmpty() ? Optional.empty() : Optional.of(row.error);
    }
}
