package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.IncludeResolver;
import io.opsplane.pipeline.definition.InvalidDefinitionException;
import io.opsplane.pipeline.definition.rules.InvalidExpressionException;
import io.opsplane.pipeline.definition.rules.RuleExpression;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Expands {@code include:} as GitLab does: each included file (with its own includes expanded first) is merged in
 * order with {@link DeepMerge}, and the including file is merged last, so it overrides what it includes. Supported:
 * {@code local} (also as a plain path), {@code project} (with {@code ref} and one or more {@code file}s) and
 * {@code remote} (also as a plain {@code https://} address). {@code component}, {@code template},
 * {@code artifact} and {@code inputs} are refused by name; the kinds of every entry are checked before any file is
 * fetched, so the first refusal is the first unsupported entry as written.
 *
 * <p>{@code include: rules} are decided when the definition is compiled, with the variables the caller knows then
 * (typically the project's predefined ones): {@code if} is evaluated with them (an unknown variable is undefined);
 * {@code exists} is checked through the resolver for plain paths; {@code changes}, and {@code exists} with a glob,
 * cannot be known before a run and count as true, with a warning. A file included twice is read once.
 */
public final class Includes {

    public static final int MAX_INCLUDES = 150;
    public static final int MAX_NESTING = 100;

    private static final Set<String> KINDS = Set.of("local", "project", "remote", "template", "component", "artifact");
    private static final Map<String, String> REFUSED_KINDS = Map.of(
            "component", "CI/CD components (the CI/CD catalog) are not available",
            "template", "GitLab's own templates are not available",
            "artifact", "an artifact can only be included by a trigger job (dynamic child pipelines are not supported)");

    private final IncludeResolver resolver;
    private final Map<String, String> knownVariables;
    private final Warnings warnings;
    private final Set<String> included = new HashSet<>();
    private int count;

    public Includes(IncludeResolver resolver, Map<String, String> knownVariables, Warnings warnings) {
        this.resolver = resolver;
        this.knownVariables = Map.copyOf(knownVariables);
        this.warnings = warnings;
    }

    /** Where a file came from: local paths it includes are read from the same place. */
    private record Origin(Optional<String> project, String ref) {
        static final Origin REPOSITORY = new Origin(Optional.empty(), "");
    }

    private record Item(String kind, Where where, Position position, String location, String ref, List<String> files,
            Optional<YamlValue> rules) {
    }

    /** The definition with its includes merged in and the {@code include} key removed. */
    public YamlMap expand(YamlMap definition) throws InvalidDefinitionException {
        return expand(definition, Origin.REPOSITORY, 0);
    }

    private YamlMap expand(YamlMap document, Origin origin, int depth) throws InvalidDefinitionException {
        Optional<YamlMap.Entry> include = document.entry("include");
        if (include.isEmpty()) {
            return document;
        }
        if (depth >= MAX_NESTING) {
            throw Where.topLevel("include").error(include.get().keyPosition(), "includes are nested deeper than "
                    + MAX_NESTING + " levels");
        }
        List<Item> items = new ArrayList<>();
        YamlValue value = include.get().value();
        if (!(value instanceof YamlScalar scalar && scalar.isNull())) {
            for (YamlValue entry : Read.items(value)) {
                items.add(item(entry));
            }
        }
        YamlMap merged = YamlMap.empty(document.position());
        for (Item item : items) {
            if (!included(item)) {
                continue;
            }
            for (String file : item.files()) {
                Optional<YamlMap> content = load(item, file, origin, depth);
                if (content.isPresent()) {
                    merged = DeepMerge.merge(merged, content.get());
                }
            }
        }
        return DeepMerge.merge(merged, document.without("include"));
    }

    private Item item(YamlValue entry) throws InvalidDefinitionException {
        Where where = Where.topLevel("include");
        if (entry instanceof YamlScalar) {
            String location = Read.string(where, entry);
            String kind = isUrl(location) ? "remote" : "local";
            return new Item(kind, where.at(kind), entry.position(), location, "", List.of(location),
                    Optional.empty());
        }
        YamlMap map = Read.map(where, entry);
        List<YamlMap.Entry> kinds = map.entries().stream().filter(e -> KINDS.contains(e.key())).toList();
        if (kinds.isEmpty()) {
            throw where.error(entry, "an include needs one of local, project or remote");
        }
        YamlMap.Entry kindEntry = kinds.get(0);
        String kind = kindEntry.key();
        Where kindWhere = where.at(kind);
        if (REFUSED_KINDS.containsKey(kind)) {
            throw kindWhere.unsupported(kindEntry.keyPosition(), REFUSED_KINDS.get(kind) + " (included: "
                    + describe(kindEntry.value()) + ")");
        }
        if (kinds.size() > 1) {
            throw where.error(kinds.get(1).keyPosition(), "an include has one of local, project or remote, not both "
                    + kind + " and " + kinds.get(1).key());
        }
        Optional<YamlMap.Entry> inputs = map.entry("inputs");
        if (inputs.isPresent()) {
            throw where.at("inputs").unsupported(inputs.get().keyPosition(), "CI/CD inputs (spec:inputs) are not "
                    + "supported");
        }
        Set<String> allowed = switch (kind) {
            case "local" -> Set.of("local", "rules");
            case "project" -> Set.of("project", "ref", "file", "rules");
            default -> Set.of("remote", "rules", "integrity", "cache");
        };
        Read.keys(where, map, allowed);
        map.entry("integrity").ifPresent(e -> warnings.add("include:remote integrity (line "
                + e.keyPosition().line() + ") is not checked"));
        map.entry("cache").ifPresent(e -> warnings.add("include:remote cache (line " + e.keyPosition().line()
                + ") is ignored: remote files are read when the definition is compiled"));
        String location = Read.string(kindWhere, kindEntry.value());
        String ref = "";
        List<String> files = List.of(location);
        if (kind.equals("project")) {
            YamlValue file = map.present("file").orElseThrow(() -> where.at("project").error(entry,
                    "an include: project needs file:"));
            files = Read.strings(where.at("file"), file);
            if (files.isEmpty()) {
                throw where.at("file").error(file, "names no file");
            }
            ref = map.present("ref").isPresent() ? Read.string(where.at("ref"), map.present("ref").get()) : "";
        }
        return new Item(kind, kindWhere, kindEntry.keyPosition(), location, ref, files, map.present("rules"));
    }

    private static String describe(YamlValue value) {
        return value instanceof YamlScalar scalar ? "'" + scalar.text() + "'" : value.describe();
    }

    private static boolean isUrl(String location) {
        return location.startsWith("https://") || location.startsWith("http://");
    }

    /** Decides {@code include: rules} now (see the class comment). */
    private boolean included(Item item) throws InvalidDefinitionException {
        if (item.rules().isEmpty()) {
            return true;
        }
        Where where = item.where().at("rules");
        for (YamlValue ruleValue : Read.flatten(where, item.rules().get())) {
            YamlMap rule = Read.map(where, ruleValue);
            Read.keys(where, rule, Set.of("if", "exists", "changes", "when"));
            if (matches(where, item, rule)) {
                String when = rule.present("when").isPresent()
                        ? Read.choice(where.at("when"), rule.present("when").get(), Set.of("always", "never",
                                "on_success"))
                        : "always";
                return !when.equals("never");
            }
        }
        return false;
    }

    private boolean matches(Where where, Item item, YamlMap rule) throws InvalidDefinitionException {
        Optional<YamlValue> condition = rule.present("if");
        if (condition.isPresent()) {
            String source = Read.string(where.at("if"), condition.get());
            RuleExpression expression;
            try {
                expression = RuleExpression.parse(source);
            } catch (InvalidExpressionException e) {
                throw where.at("if").error(condition.get(), "invalid expression " + e.getMessage());
            }
            if (!expression.evaluate(knownVariables)) {
                return false;
            }
        }
        Optional<YamlValue> exists = rule.present("exists");
        if (exists.isPresent()) {
            List<String> paths = Read.strings(where.at("exists"), exists.get() instanceof YamlMap map
                    ? map.present("paths").orElse(exists.get()) : exists.get());
            boolean found = false;
            for (String path : paths) {
                if (path.contains("*") || path.contains("{") || path.contains("?") || path.contains("[")) {
                    warnings.add("include " + item.location() + ": rules:exists with the pattern '" + path
                            + "' cannot be checked when compiling; the include is kept");
                    found = true;
                } else {
                    found |= resolver.local(normalizePath(where.at("exists"), exists.get().position(), path)).isPresent();
                }
            }
            if (!found) {
                return false;
            }
        }
        if (rule.present("changes").isPresent()) {
            warnings.add("include " + item.location() + ": rules:changes cannot be known when compiling; the include "
                    + "is kept when its other conditions hold");
        }
        return true;
    }

    private Optional<YamlMap> load(Item item, String file, Origin origin, int depth)
            throws InvalidDefinitionException {
        String key;
        String source;
        Optional<String> text;
        Origin next;
        switch (item.kind()) {
            case "local" -> {
                String path = normalizePath(item.where(), item.position(), file);
                if (origin.project().isPresent()) {
                    key = "project:" + origin.project().get() + "@" + origin.ref() + ":" + path;
                    source = origin.project().get() + ":" + path;
                    text = resolver.project(origin.project().get(), origin.ref(), path);
                } else {
                    key = "local:" + path;
                    source = path;
                    text = resolver.local(path);
                }
                next = origin;
            }
            case "project" -> {
                String path = normalizePath(item.where(), item.position(), file);
                key = "project:" + item.location() + "@" + item.ref() + ":" + path;
                source = item.location() + ":" + path;
                text = resolver.project(item.location(), item.ref(), path);
                next = new Origin(Optional.of(item.location()), item.ref());
            }
            default -> {
                if (!isUrl(file)) {
                    throw item.where().error(item.position(), "'" + file + "' is not an http(s) address");
                }
                key = "remote:" + file;
                source = file;
                text = resolver.remote(file);
                next = Origin.REPOSITORY;
            }
        }
        if (!included.add(key)) {
            return Optional.empty();
        }
        if (++count > MAX_INCLUDES) {
            throw item.where().error(item.position(), "more than " + MAX_INCLUDES + " files are included");
        }
        String content = text.orElseThrow(() -> item.where().error(item.position(), "'" + file + "'"
                + (item.kind().equals("project") ? " of project '" + item.location() + "'"
                        + (item.ref().isEmpty() ? "" : " at ref '" + item.ref() + "'") : "")
                + " is not available"));
        YamlMap document = YamlReader.read(content, source);
        return Optional.of(expand(document, next, depth + 1));
    }

    /** A repository path without a leading slash; climbing out with {@code ..} and wildcards are refused. */
    private static String normalizePath(Where where, Position position, String path)
            throws InvalidDefinitionException {
        String trimmed = path.trim();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        if (trimmed.contains("*")) {
            throw where.unsupported(position, "wildcard paths ('" + path + "') cannot be listed; name each file");
        }
        List<String> parts = new ArrayList<>();
        for (String part : trimmed.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw where.error(position, "the path '" + path + "' leaves the repository");
            }
            parts.add(part);
        }
        if (parts.isEmpty()) {
            throw where.error(position, "the path '" + path + "' names no file");
        }
        return String.join("/", parts);
    }
}
