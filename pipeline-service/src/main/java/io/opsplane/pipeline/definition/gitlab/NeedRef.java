package io.opsplane.pipeline.definition.gitlab;

import java.util.List;
import java.util.Map;

/**
 * One {@code needs:} entry as written, before the names of {@code parallel} jobs are known.
 *
 * @param matrix {@code needs: parallel: matrix:} entries narrowing a parallel job to some of its expansions; values
 *               may be {@code $[[ matrix.NAME ]]}, the needing job's own matrix value
 */
record NeedRef(String job, boolean artifacts, boolean optional, List<Map<String, List<String>>> matrix,
        Position position) {
}
