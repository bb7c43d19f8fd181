package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.InvalidDefinitionException;
import io.opsplane.pipeline.definition.model.OnlyExceptSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The legacy {@code only:}/{@code except:}: a list of refs, or {@code {refs, variables, changes}}. Ref patterns
 * ({@code /regex/}) and variable expressions are checked to parse. {@code kubernetes: active} is refused: there is
 * no Kubernetes integration to ask.
 */
final class OnlyExceptReader {

    private OnlyExceptReader() {
    }

    static Optional<OnlyExceptSpec> read(Where where, Optional<YamlValue> value) throws InvalidDefinitionException {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!(value.get() instanceof YamlMap map)) {
            return Optional.of(new OnlyExceptSpec(refs(where, value.get()), List.of(), List.of()));
        }
        Optional<YamlMap.Entry> kubernetes = map.entry("kubernetes");
        if (kubernetes.isPresent()) {
            throw where.at("kubernetes").unsupported(kubernetes.get().keyPosition(), "there is no Kubernetes "
                    + "integration to ask");
        }
        Read.keys(where, map, Set.of("refs", "variables", "changes"));
        List<String> refs = map.present("refs").isPresent() ? refs(where.at("refs"), map.present("refs").get())
                : List.of();
        List<String> variables = new ArrayList<>();
        if (map.present("variables").isPresent()) {
            for (YamlValue expression : Read.flatten(where.at("variables"), map.present("variables").get())) {
                variables.add(Expressions.read(where.at("variables"), expression));
            }
        }
        List<String> changes = List.of();
        if (map.present("changes").isPresent()) {
            YamlValue changesValue = map.present("changes").get();
            if (changesValue instanceof YamlMap changesMap) {
                Read.keys(where.at("changes"), changesMap, Set.of("paths", "compare_to"));
                changesValue = changesMap.present("paths").orElseThrow(() -> where.at("changes")
                        .error(changesMap, "needs paths:"));
            }
            changes = Read.strings(where.at("changes"), changesValue);
        }
        return Optional.of(new OnlyExceptSpec(refs, variables, changes));
    }

    private static List<String> refs(Where where, YamlValue value) throws InvalidDefinitionException {
        List<String> refs = Read.strings(where, value);
        for (String ref : refs) {
            String pattern = ref.contains("@") ? ref.substring(0, ref.indexOf('@')) : ref;
            if (pattern.startsWith("/")) {
                try {
                    io.opsplane.pipeline.definition.rules.RegexPattern.parse(pattern, 1);
                } catch (io.opsplane.pipeline.definition.rules.InvalidExpressionException e) {
                    throw where.error(value, "the ref pattern " + pattern + ": " + e.reason());
                }
            }
        }
        return refs;
    }
}
