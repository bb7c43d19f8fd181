package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.InvalidDefinitionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code parallel:} as GitLab expands it. {@code parallel: N} (1 to 200) gives jobs {@code "name 1/N"} ...
 * {@code "name N/N"}. {@code parallel: matrix:} gives one job per combination of each entry's values (the first
 * variable varying slowest), named {@code "name: [v1, v2]"} with the values in the order the variables are written;
 * each job gets its combination as variables. At most 200 jobs per keyword.
 *
 * @param total        number of jobs (0: not parallel)
 * @param combinations for a matrix, each job's variables in written order; empty for {@code parallel: N}
 */
record Parallel(int total, List<Map<String, String>> combinations) {

    static final int MAX_JOBS = 200;
    static final Parallel NONE = new Parallel(0, List.of());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    static Parallel read(Where where, YamlValue value) throws InvalidDefinitionException {
        if (value instanceof YamlScalar) {
            long total = Read.integer(where, value);
            if (total < 1 || total > MAX_JOBS) {
                throw where.error(value, "must be between 1 and " + MAX_JOBS + ", found " + total);
            }
            return new Parallel((int) total, List.of());
        }
        YamlMap map = Read.map(where, value);
        Read.keys(where, map, java.util.Set.of("matrix"));
        Where matrixWhere = where.at("matrix");
        YamlValue matrix = map.present("matrix").orElseThrow(() -> where.error(map, "needs matrix:"));
        List<Map<String, String>> combinations = new ArrayList<>();
        for (Map<String, List<String>> entry : matrixEntries(matrixWhere, matrix)) {
            combine(new ArrayList<>(entry.entrySet()), 0, new LinkedHashMap<>(), combinations);
            if (combinations.size() > MAX_JOBS) {
                throw matrixWhere.error(matrix, "expands to more than " + MAX_JOBS + " jobs");
            }
        }
        return new Parallel(combinations.size(), combinations);
    }

    /** The matrix entries: each a mapping of variable names to one value or a list of values. */
    static List<Map<String, List<String>>> matrixEntries(Where where, YamlValue value)
            throws InvalidDefinitionException {
        if (!(value instanceof YamlList list) || list.items().isEmpty()) {
            throw where.error(value, "expected a non-empty list of variable mappings, found " + value.describe());
        }
        List<Map<String, List<String>>> entries = new ArrayList<>();
        for (YamlValue item : list.items()) {
            YamlMap entry = Read.map(where, item);
            if (entry.isEmpty()) {
                throw where.error(item, "an entry names no variable");
            }
            Map<String, List<String>> variables = new LinkedHashMap<>();
            for (YamlMap.Entry variable : entry.entries()) {
                if (!NAME.matcher(variable.key()).matches()) {
                    throw where.error(variable.keyPosition(), "'" + variable.key() + "' is not a valid variable name");
                }
                List<String> values = Read.strings(where.at(variable.key()), variable.value());
                if (values.isEmpty()) {
                    throw where.at(variable.key()).error(variable.value(), "lists no value");
                }
                variables.put(variable.key(), values);
            }
            entries.add(variables);
        }
        return entries;
    }

    private static void combine(List<Map.Entry<String, List<String>>> variables, int index,
            LinkedHashMap<String, String> current, List<Map<String, String>> into) {
        if (into.size() > MAX_JOBS) {
            return;
        }
        if (index == variables.size()) {
            into.add(new LinkedHashMap<>(current));
            return;
        }
        Map.Entry<String, List<String>> variable = variables.get(index);
        for (String value : variable.getValue()) {
            current.put(variable.getKey(), value);
            combine(variables, index + 1, current, into);
        }
        current.remove(variable.getKey());
    }

    /** The names of the jobs, in order. */
    List<String> names(String base) {
        List<String> names = new ArrayList<>();
        if (combinations.isEmpty()) {
            for (int i = 1; i <= total; i++) {
                names.add(base + " " + i + "/" + total);
            }
        } else {
            for (Map<String, String> combination : combinations) {
                names.add(matrixName(base, combination.values()));
            }
        }
        return names;
    }

    static String matrixName(String base, java.util.Collection<String> values) {
        return base + ": [" + String.join(", ", values) + "]";
    }
}
