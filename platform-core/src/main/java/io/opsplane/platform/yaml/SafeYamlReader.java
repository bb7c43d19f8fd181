package io.opsplane.platform.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads one YAML document into {@link YamlNode}s without constructing any object, so no tag can instantiate
 * anything. The text is bounded ({@link YamlLimits}), nesting is checked on the event stream before composing
 * (composing recurses, so a deep text could otherwise exhaust the stack), aliases are expanded under a budget of
 * values, an alias to a collection that contains it is refused, duplicate keys and keys that are not single values
 * are refused, only the standard tags are accepted, and merge keys ({@code <<}) are applied with the keys written
 * in the mapping winning, then the first merged mapping. Every failure is a {@link YamlException} with a position.
 */
public final class SafeYamlReader {

    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.ENV_TAG);
    private static final String MERGE_KEY = "<<";

    private final YamlLimits limits;
    private final Map<Node, Boolean> open = new IdentityHashMap<>();
    private int values;

    private SafeYamlReader(YamlLimits limits) {
        this.limits = limits;
    }

    /** Reads {@code text} with the default limits; an empty document is a null scalar at line 1, column 1. */
    public static YamlNode read(String text) {
        return read(text, YamlLimits.DEFAULT);
    }

    public static YamlNode read(String text, YamlLimits limits) {
        if (text.codePointCount(0, text.length()) > limits.maxCodePoints()) {
            throw new YamlException("the document is larger than " + limits.maxCodePoints() + " characters", "", 0, 0);
        }
        LoadSettings settings = LoadSettings.builder()
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(limits.maxAliases())
                .setCodePointLimit(limits.maxCodePoints())
                // The whole text fits the reader's buffer: snakeyaml-engine 2.10 fails on a surrogate pair that
                // straddles a buffer boundary.
                .setBufferSize(2 * limits.maxCodePoints() + 1)
                .build();
        try {
            checkNesting(settings, text, limits.maxDepth());
            Optional<Node> root = new Compose(settings).composeString(text);
            if (root.isEmpty()) {
                return new YamlScalar("", true, true, new YamlLocation(1, 1), "");
            }
            return new SafeYamlReader(limits).convert(root.get(), "", 1);
        } catch (MarkedYamlEngineException e) {
            throw positioned(e);
        } catch (ReaderException e) {
            YamlLocation location = locationOfCodePoint(text, e.getPosition());
            throw new YamlException(String.format("special characters are not allowed (found U+%04X)",
                    e.getCodePoint()), "", location.line(), location.column());
        } catch (YamlEngineException e) {
            throw new YamlException(firstLine(e.getMessage()), "", 0, 0);
        }
    }

    private static void checkNesting(LoadSettings settings, String text, int maxDepth) {
        int depth = 0;
        for (Event event : new Parse(settings).parseString(text)) {
            switch (event.getEventId()) {
                case MappingStart, SequenceStart -> {
                    if (++depth > maxDepth) {
                        YamlLocation location = location(event.getStartMark());
                        throw new YamlException("nesting is deeper than " + maxDepth + " levels", "",
                                location.line(), location.column());
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                default -> {
                }
            }
        }
    }

    private YamlNode convert(Node node, String path, int depth) {
        YamlLocation location = location(node.getStartMark());
        if (++values > limits.maxExpandedValues()) {
            throw new YamlException("the document expands to more than " + limits.maxExpandedValues()
                    + " values once its aliases are followed", path, location.line(), location.column());
        }
        if (depth > 2 * limits.maxDepth()) {
            throw new YamlException("nesting is deeper than " + 2 * limits.maxDepth()
                    + " levels once aliases are followed", path, location.line(), location.column());
        }
        if (node instanceof ScalarNode scalar) {
            checkTag(node, SCALAR_TAGS, path, location);
            return new YamlScalar(scalar.getValue(), scalar.getScalarStyle() == ScalarStyle.PLAIN,
                    isTaggedNull(scalar),
                    location, path);
        }
        if (open.put(node, Boolean.TRUE) != null) {
            throw new YamlException("an alias refers to a collection that contains it (recursive structures are "
                    + "not allowed)", path, location.line(), location.column());
        }
        try {
            if (node instanceof SequenceNode sequence) {
                checkTag(node, Set.of(Tag.SEQ), path, location);
                List<YamlNode> items = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    items.add(convert(item, path + "[" + items.size() + "]", depth + 1));
                }
                return new YamlSequence(items, location, path);
            }
            checkTag(node, Set.of(Tag.MAP), path, location);
            return mapping((MappingNode) node, path, location, depth);
        } finally {
            open.remove(node);
        }
    }

    private static boolean isTaggedNull(ScalarNode scalar) {
        return scalar.getTag().equals(Tag.NULL) && scalar.getScalarStyle() != ScalarStyle.PLAIN;
    }

    private YamlMapping mapping(MappingNode node, String path, YamlLocation location, int depth) {
        Map<String, YamlMapping.Entry> written = new LinkedHashMap<>();
        List<YamlMapping> merged = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            YamlLocation keyLocation = location(keyNode.getStartMark());
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                throw new YamlException("a key must be a single value, not a list or a mapping", path,
                        keyLocation.line(), keyLocation.column());
            }
            checkTag(keyNode, SCALAR_TAGS, path, keyLocation);
            String key = keyScalar.getValue();
            if (keyScalar.getScalarStyle() == ScalarStyle.PLAIN && MERGE_KEY.equals(key)) {
                merged.addAll(mergeSources(tuple.getValueNode(), path, depth));
                continue;
            }
            String childPath = path.isEmpty() ? key : path + "." + key;
            YamlMapping.Entry first = written.get(key);
            if (first != null) {
                throw new YamlException("duplicate key '" + key + "' (first written at " + first.key().location()
                        + ")", childPath, keyLocation.line(), keyLocation.column());
            }
            YamlScalar keyValue = new YamlScalar(key, keyScalar.getScalarStyle() == ScalarStyle.PLAIN, false,
                    keyLocation, childPath);
            written.put(key, new YamlMapping.Entry(keyValue, convert(tuple.getValueNode(), childPath, depth + 1)));
        }
        Map<String, YamlMapping.Entry> result = new LinkedHashMap<>();
        for (YamlMapping source : merged) {
            source.entries().forEach(entry -> result.putIfAbsent(entry.key().text(), entry));
        }
        result.keySet().removeAll(written.keySet());
        Map<String, YamlMapping.Entry> ordered = new LinkedHashMap<>(written);
        ordered.putAll(result);
        return new YamlMapping(ordered.values(), location, path);
    }

    /** A merge key takes a mapping or a list of mappings; the earlier ones listed win. */
    private List<YamlMapping> mergeSources(Node valueNode, String path, int depth) {
        String mergePath = path.isEmpty() ? MERGE_KEY : path + "." + MERGE_KEY;
        YamlNode value = convert(valueNode, mergePath, depth + 1);
        if (value instanceof YamlMapping mapping) {
            return List.of(mapping);
        }
        if (value instanceof YamlSequence sequence) {
            List<YamlMapping> sources = new ArrayList<>();
            for (YamlNode item : sequence.items()) {
                if (!(item instanceof YamlMapping mapping)) {
                    throw item.error("the merge key << takes a mapping or a list of mappings, found "
                            + item.describe());
                }
                sources.add(mapping);
            }
            return Collections.unmodifiableList(sources);
        }
        throw value.error("the merge key << takes a mapping or a list of mappings, found " + value.describe());
    }

    private static void checkTag(Node node, Set<Tag> allowed, String path, YamlLocation location) {
        if (!allowed.contains(node.getTag())) {
            throw new YamlException("the tag " + node.getTag().getValue() + " is not allowed (only the standard "
                    + "YAML tags are)", path, location.line(), location.column());
        }
    }

    private static YamlLocation location(Optional<Mark> mark) {
        return mark.map(m -> new YamlLocation(m.getLine() + 1, m.getColumn() + 1)).orElse(new YamlLocation(0, 0));
    }

    private static YamlException positioned(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        if (e.getContext() != null && !e.getContext().isBlank()) {
            problem = e.getContext() + ": " + problem;
        }
        YamlLocation location = location(e.getProblemMark());
        return new YamlException(firstLine(problem.trim()), "", location.line(), location.column());
    }

    /** A reader error knows only the code point index; count lines and columns up to it. */
    private static YamlLocation locationOfCodePoint(String text, int position) {
        int line = 1;
        int column = 1;
        int offset = 0;
        for (int index = 0; offset < text.length() && index < position; index++) {
            int codePoint = text.codePointAt(offset);
            offset += Character.charCount(codePoint);
            boolean crBeforeLf = codePoint == '\r' && offset < text.length() && text.charAt(offset) == '\n';
            if (codePoint == '\n' || (codePoint == '\r' && !crBeforeLf)) {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new YamlLocation(line, column);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid YAML";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
