package io.opsplane.observability.promql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The functions of Prometheus 2.42 with their argument and return types. */
public final class PromqlFunctions {

    /**
     * name, argument types (V instant vector, M range vector, S scalar, T string; - none),
     * variadic count, return type.
     */
    private static final List<String> SIGNATURES = List.of(
            "abs V 0 V",
            "absent V 0 V",
            "absent_over_time M 0 V",
            "acos V 0 V",
            "acosh V 0 V",
            "asin V 0 V",
            "asinh V 0 V",
            "atan V 0 V",
            "atanh V 0 V",
            "avg_over_time M 0 V",
            "ceil V 0 V",
            "changes M 0 V",
            "clamp VSS 0 V",
            "clamp_max VS 0 V",
            "clamp_min VS 0 V",
            "cos V 0 V",
            "cosh V 0 V",
            "count_over_time M 0 V",
            "days_in_month V 1 V",
            "day_of_month V 1 V",
            "day_of_week V 1 V",
            "day_of_year V 1 V",
            "deg V 0 V",
            "delta M 0 V",
            "deriv M 0 V",
            "exp V 0 V",
            "floor V 0 V",
            "histogram_count V 0 V",
            "histogram_sum V 0 V",
            "histogram_fraction SSV 0 V",
            "histogram_quantile SV 0 V",
            "holt_winters MSS 0 V",
            "hour V 1 V",
            "idelta M 0 V",
            "increase M 0 V",
            "irate M 0 V",
            "label_replace VTTTT 0 V",
            "label_join VTTT -1 V",
            "last_over_time M 0 V",
            "ln V 0 V",
            "log10 V 0 V",
            "log2 V 0 V",
            "max_over_time M 0 V",
            "min_over_time M 0 V",
            "minute V 1 V",
            "month V 1 V",
            "pi - 0 S",
            "predict_linear MS 0 V",
            "present_over_time M 0 V",
            "quantile_over_time SM 0 V",
            "rad V 0 V",
            "rate M 0 V",
            "resets M 0 V",
            "round VS 1 V",
            "scalar V 0 S",
            "sgn V 0 V",
            "sin V 0 V",
            "sinh V 0 V",
            "sort V 0 V",
            "sort_desc V 0 V",
            "sqrt V 0 V",
            "stddev_over_time M 0 V",
            "stdvar_over_time M 0 V",
            "sum_over_time M 0 V",
            "tan V 0 V",
            "tanh V 0 V",
            "time - 0 S",
            "timestamp V 0 V",
            "vector S 0 V",
            "year V 1 V");

    private static final Map<String, PromqlFunction> BY_NAME = load();

    private PromqlFunctions() {
    }

    public static Optional<PromqlFunction> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static Map<String, PromqlFunction> load() {
        Map<String, PromqlFunction> functions = new TreeMap<>();
        for (String signature : SIGNATURES) {
            String[] fields = signature.split(" ");
            List<ValueType> args = new ArrayList<>();
            if (!fields[1].equals("-")) {
                fields[1].chars().forEach(c -> args.add(type((char) c)));
            }
            functions.put(fields[0], new PromqlFunction(fields[0], args, Integer.parseInt(fields[2]), type(fields[3].charAt(0))));
        }
        return functions;
    }

    private static ValueType type(char code) {
        return switch (code) {
            case 'V' -> ValueType.INSTANT_VECTOR;
            case 'M' -> ValueType.RANGE_VECTOR;
            case 'S' -> ValueType.SCALAR;
            case 'T' -> ValueType.STRING;
            default -> throw new IllegalStateException("unknown type code " + code);
        };
    }
}
