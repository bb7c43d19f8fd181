package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.InvalidDefinitionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code needs:}: job names, or {@code {job, artifacts, optional, parallel: {matrix}}}. Needs on other pipelines or
 * projects ({@code pipeline:}, {@code project:}) are refused: there are no cross-pipeline needs.
 */
final class NeedsReader {

    static final int MAX_NEEDS = 50;

    private NeedsReader() {
    }

    static Optional<List<NeedRef>> read(Where where, Optional<YamlValue> value) throws InvalidDefinitionException {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        List<NeedRef> needs = new ArrayList<>();
        for (YamlValue item : Read.flatten(where, value.get())) {
            needs.add(need(where, item));
        }
        if (needs.size() > MAX_NEEDS) {
            throw where.error(value.get(), "lists " + needs.size() + " needs; at most " + MAX_NEEDS + " are allowed");
        }
        return Optional.of(needs);
    }

    private static NeedRef need(Where where, YamlValue item) throws InvalidDefinitionException {
        if (item instanceof YamlScalar) {
            return new NeedRef(Read.string(where, item), true, false, List.of(), item.position());
        }
        YamlMap map = Read.map(where, item);
        for (String crossPipeline : new String[] {"pipeline", "project"}) {
            Optional<YamlMap.Entry> entry = map.entry(crossPipeline);
            if (entry.isPresent()) {
                throw where.at(crossPipeline).unsupported(entry.get().keyPosition(), "needs on jobs of other "
                        + "pipelines or projects are not supported");
            }
        }
        Read.keys(where, map, Set.of("job", "artifacts", "optional", "parallel"));
        String job = Read.string(where.at("job"), map.present("job").orElseThrow(() -> where.error(item,
                "an entry needs job:")));
        boolean artifacts = map.present("artifacts").isEmpty()
                || Read.bool(where.at("artifacts"), map.present("artifacts").get());
        boolean optional = map.present("optional").isPresent()
                && Read.bool(where.at("optional"), map.present("optional").get());
        List<Map<String, List<String>>> matrix = List.of();
        if (map.present("parallel").isPresent()) {
            Where parallel = where.at("parallel");
            YamlMap parallelMap = Read.map(parallel, map.present("parallel").get());
            Read.keys(parallel, parallelMap, Set.of("matrix"));
            matrix = Parallel.matrixEntries(parallel.at("matrix"), parallelMap.present("matrix")
                    .orElseThrow(() -> parallel.error(parallelMap, "needs matrix:")));
        }
        return new NeedRef(job, artifacts, optional, matrix, item.position());
    }
}
