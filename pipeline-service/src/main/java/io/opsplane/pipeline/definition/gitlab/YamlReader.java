package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.InvalidDefinitionException;
import io.opsplane.pipeline.definition.SafeYaml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.JsonScalarResolver;

/**
 * Reads one GitLab CI file into {@link YamlValue}s. The text first passes {@link SafeYaml}'s checks; then the node
 * graph is walked with aliases expanded under a budget of values (the defence against alias bombs, which lets real
 * files use many anchors), merge keys {@code <<} applied in order as Ruby's Psych does (a later key, merged or
 * written, replaces an earlier one), duplicate keys refused, top-level keys required to be strings, and only the
 * standard tags and {@code !reference} accepted.
 */
public final class YamlReader {

    /** GitLab files reuse anchors heavily (one of gitlab-runner's has about 150 aliases). */
    public static final int MAX_ALIASES = 1_000;
    /** Values in one file once its aliases are expanded. */
    public static final int MAX_VALUES = 100_000;
    static final int MAX_EXPANDED_DEPTH = 2 * SafeYaml.MAX_DEPTH;

    private static final String REFERENCE_TAG = "!reference";
    private static final JsonScalarResolver JSON = new JsonScalarResolver();
    // ENV_TAG is what snakeyaml-engine gives a plain "${NAME}"; here it is just text.
    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.ENV_TAG);
    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    private static final Set<String> TRUES = Set.of("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON");
    private static final Set<String> FALSES = Set.of("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF");
    private static final Pattern INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9_]*|0[0-7_]+|0o[0-7_]+|0x[0-9a-fA-F_]+)");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    private final String source;
    private int values;

    private YamlReader(String source) {
        this.source = source;
    }

    /**
     * Reads {@code yaml}, whose top level must be a mapping; {@code source} names the file in messages (empty for
     * the definition itself).
     */
    public static YamlMap read(String yaml, String source) throws InvalidDefinitionException {
        Node root;
        try {
            root = SafeYaml.compose(yaml, MAX_ALIASES);
        } catch (InvalidDefinitionException e) {
            if (source.isEmpty()) {
                throw e;
            }
            throw new InvalidDefinitionException("in '" + source + "': " + e.problem(), e.line(), e.column());
        }
        YamlReader reader = new YamlReader(source);
        YamlValue value = reader.convert(root, 1);
        if (!(value instanceof YamlMap map)) {
            throw new Position(source, 1, 1).error("the definition must be a YAML mapping (key: value pairs) at the "
                    + "top level");
        }
        return map;
    }

    private Position position(Node node) {
        return node.getStartMark()
                .map(mark -> new Position(source, mark.getLine() + 1, mark.getColumn() + 1))
                .orElse(new Position(source, 0, 0));
    }

    private YamlValue convert(Node node, int depth) throws InvalidDefinitionException {
        if (++values > MAX_VALUES) {
            throw position(node).error("the definition expands to more than " + MAX_VALUES
                    + " values once its aliases are expanded");
        }
        if (depth > MAX_EXPANDED_DEPTH) {
            throw position(node).error("nesting is deeper than " + MAX_EXPANDED_DEPTH
                    + " levels once aliases are expanded");
        }
        boolean reference = REFERENCE_TAG.equals(node.getTag().getValue());
        if (node instanceof ScalarNode scalar) {
            if (reference) {
                throw position(node).error("!reference must be followed by a list, such as !reference [job, key]");
            }
            checkTag(node, SCALAR_TAGS);
            return scalar(scalar);
        }
        if (node instanceof SequenceNode sequence) {
            if (reference) {
                return reference(sequence);
            }
            checkTag(node, Set.of(Tag.SEQ));
            List<YamlValue> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(item, depth + 1));
            }
            return new YamlList(items, position(node));
        }
        if (reference) {
            throw position(node).error("!reference must be followed by a list, such as !reference [job, key]");
        }
        checkTag(node, Set.of(Tag.MAP));
        return mapping((MappingNode) node, depth);
    }

    private void checkTag(Node node, Set<Tag> allowed) throws InvalidDefinitionException {
        if (!allowed.contains(node.getTag())) {
            throw position(node).error("the tag " + node.getTag().getValue() + " is not allowed (only standard "
                    + "YAML tags and !reference are)");
        }
    }

    private YamlScalar scalar(ScalarNode node) {
        String text = node.getValue();
        Position position = position(node);
        if (node.getScalarStyle() != ScalarStyle.PLAIN || explicitlyTagged(node)) {
            return new YamlScalar(text, YamlScalar.Kind.STRING, position);
        }
        if (NULLS.contains(text)) {
            return new YamlScalar(text, YamlScalar.Kind.NULL, position);
        }
        if (TRUES.contains(text)) {
            return new YamlScalar("true", YamlScalar.Kind.BOOLEAN, position);
        }
        if (FALSES.contains(text)) {
            return new YamlScalar("false", YamlScalar.Kind.BOOLEAN, position);
        }
        if (INTEGER.matcher(text).matches()) {
            return new YamlScalar(text, YamlScalar.Kind.INTEGER, position);
        }
        if (FLOAT.matcher(text).matches() && !text.equals(".")) {
            return new YamlScalar(text, YamlScalar.Kind.FLOAT, position);
        }
        return new YamlScalar(text, YamlScalar.Kind.STRING, position);
    }

    /**
     * Whether a plain scalar carries a tag other than the one the JSON schema would give it (so it was written,
     * as in {@code !!str 1}). A plain scalar is otherwise classified by the YAML 1.1 rules above, which GitLab uses.
     */
    private static boolean explicitlyTagged(ScalarNode node) {
        return !JSON.resolve(node.getValue(), true).equals(node.getTag());
    }

    private YamlReference reference(SequenceNode node) throws InvalidDefinitionException {
        List<String> path = new ArrayList<>();
        for (Node item : node.getValue()) {
            if (!(item instanceof ScalarNode scalar)) {
                throw position(item).error("!reference takes a list of names, such as !reference [job, key]");
            }
            path.add(scalar.getValue());
        }
        if (path.isEmpty()) {
            throw position(node).error("!reference [] names nothing: write !reference [job, key]");
        }
        return new YamlReference(path, position(node));
    }

    private YamlMap mapping(MappingNode node, int depth) throws InvalidDefinitionException {
        Map<String, YamlMap.Entry> result = new LinkedHashMap<>();
        Map<String, Position> written = new HashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key) || REFERENCE_TAG.equals(keyNode.getTag().getValue())) {
                throw position(keyNode).error("mapping keys must be plain values, not lists or mappings");
            }
            checkTag(key, SCALAR_TAGS);
            if (key.getScalarStyle() == ScalarStyle.PLAIN && "<<".equals(key.getValue())) {
                merge(result, tuple.getValueNode(), depth);
                continue;
            }
            Position keyPosition = position(key);
            if (depth == 1) {
                refuseNonStringName(key, keyPosition);
            }
            Position first = written.putIfAbsent(key.getValue(), keyPosition);
            if (first != null) {
                throw keyPosition.error("duplicate key '" + key.getValue() + "' (first written at "
                        + first.describe() + ")");
            }
            YamlValue value = convert(tuple.getValueNode(), depth + 1);
            result.put(key.getValue(), new YamlMap.Entry(key.getValue(), keyPosition, value));
        }
        return new YamlMap(result.values(), position(node));
    }

    /**
     * A top-level key names a job or a keyword: GitLab would read {@code 1:}, {@code true:} or {@code ~:} as a number,
     * a boolean or null, never as the name written, so such a key is refused and must be quoted.
     */
    private void refuseNonStringName(ScalarNode key, Position keyPosition) throws InvalidDefinitionException {
        YamlScalar typed = scalar(key);
        if (typed.kind() != YamlScalar.Kind.STRING) {
            throw keyPosition.error("top-level keys must be strings: '" + key.getValue() + "' is read as "
                    + typed.describe() + " (quote it to use it as a name)");
        }
    }

    /** Psych: a mapping is merged as is; for a list of mappings, the first one listed wins. */
    private void merge(Map<String, YamlMap.Entry> into, Node valueNode, int depth) throws InvalidDefinitionException {
        YamlValue value = convert(valueNode, depth + 1);
        if (value instanceof YamlMap map) {
            map.entries().forEach(entry -> into.put(entry.key(), entry));
            return;
        }
        if (value instanceof YamlList list) {
            Map<String, YamlMap.Entry> merged = new LinkedHashMap<>();
            for (int i = list.items().size() - 1; i >= 0; i--) {
                if (!(list.items().get(i) instanceof YamlMap map)) {
                    throw list.items().get(i).position().error("the merge key << takes a mapping or a list of "
                            + "mappings, found " + list.items().get(i).describe());
                }
                map.entries().forEach(entry -> merged.put(entry.key(), entry));
            }
            merged.values().forEach(entry -> into.put(entry.key(), entry));
            return;
        }
        throw value.position().error("the merge key << takes a mapping or a list of mappings, found "
                + value.describe());
    }
}
