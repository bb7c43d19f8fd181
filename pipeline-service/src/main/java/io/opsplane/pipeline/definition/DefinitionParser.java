package io.opsplane.pipeline.definition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads a pipeline definition safely: bounded size, nesting and aliases (no "billion laughs"), no
 * duplicate keys, no custom tags (nothing is ever instantiated from the document). Every rejection
 * names the line and column.
 */
public final class DefinitionParser {

    public static final int MAX_CODE_POINTS = 256 * 1024;
    public static final int MAX_DEPTH = 32;
    public static final int MAX_ALIASES = 50;

    private LoadSettings settings() {
        return LoadSettings.builder()
                .setLabel("definition")
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_CODE_POINTS)
                // The whole document fits the reader's buffer: snakeyaml-engine 2.10 fails on a surrogate
                // pair that straddles a buffer boundary.
                .setBufferSize(2 * MAX_CODE_POINTS + 1)
                .build();
    }

    /** Parses {@code yaml}; the document must be a non-empty mapping. */
    public Map<?, ?> parse(String yaml) throws InvalidDefinitionException {
        if (yaml == null || yaml.isBlank()) {
            throw new InvalidDefinitionException("the definition is empty");
        }
        if (yaml.codePointCount(0, yaml.length()) > MAX_CODE_POINTS) {
            throw new InvalidDefinitionException("the definition is larger than " + MAX_CODE_POINTS + " characters");
        }
        LoadSettings settings = settings();
        checkShape(settings, yaml);
        Object document;
        try {
            document = new Load(settings).loadFromString(yaml);
        } catch (MarkedYamlEngineException e) {
            throw positioned(e);
        } catch (ReaderException e) {
            throw atCodePoint(yaml, e);
        } catch (YamlEngineException e) {
            throw new InvalidDefinitionException(firstLine(e.getMessage()));
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new InvalidDefinitionException("the definition must be a YAML mapping (key: value pairs) at the "
                    + "top level", 1, 1);
        }
        if (map.isEmpty()) {
            throw new InvalidDefinitionException("the definition has no entries", 1, 1);
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new InvalidDefinitionException("top-level keys must be strings, found " + key, 1, 1);
            }
        }
        return map;
    }

    /**
     * Walks the event stream (no recursion, so a deep document cannot exhaust the stack) to bound nesting
     * and to refuse an alias to a collection that is still open (a structure that contains itself).
     */
    private static void checkShape(LoadSettings settings, String yaml) throws InvalidDefinitionException {
        int depth = 0;
        int documents = 0;
        Deque<String> openAnchors = new ArrayDeque<>();
        try {
            for (Event event : new Parse(settings).parseString(yaml)) {
                switch (event.getEventId()) {
                    case MappingStart, SequenceStart -> {
                        depth++;
                        if (depth > MAX_DEPTH) {
                            throw at(event.getStartMark(), "nesting is deeper than " + MAX_DEPTH + " levels");
                        }
                        openAnchors.push(((CollectionStartEvent) event).getAnchor().map(Anchor::getValue).orElse(""));
                    }
                    case MappingEnd, SequenceEnd -> {
                        depth--;
                        openAnchors.pop();
                    }
                    case Alias -> {
                        String anchor = ((AliasEvent) event).getAlias().getValue();
                        if (openAnchors.contains(anchor)) {
                            throw at(event.getStartMark(), "alias *" + anchor + " refers to a collection that "
                                    + "contains it (recursive structures are not allowed)");
                        }
                    }
                    case DocumentStart -> {
                        documents++;
                        if (documents > 1) {
                            throw at(event.getStartMark(), "expected one YAML document, found more");
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (MarkedYamlEngineException e) {
            throw positioned(e);
        } catch (ReaderException e) {
            throw atCodePoint(yaml, e);
        } catch (YamlEngineException e) {
            throw new InvalidDefinitionException(firstLine(e.getMessage()));
        }
    }

    /** A reader error knows only the code point index; turn it into a line and column. */
    private static InvalidDefinitionException atCodePoint(String yaml, ReaderException e) {
        int line = 1;
        int column = 1;
        int index = 0;
        for (int offset = 0; offset < yaml.length() && index < e.getPosition(); index++) {
            int codePoint = yaml.codePointAt(offset);
            offset += Character.charCount(codePoint);
            boolean crBeforeLf = codePoint == '\r' && offset < yaml.length() && yaml.charAt(offset) == '\n';
            if (codePoint == '\n' || (codePoint == '\r' && !crBeforeLf)) {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new InvalidDefinitionException(String.format("special characters are not allowed (found U+%04X)", e.getCodePoint()), line,
                column);
    }

    private static InvalidDefinitionException at(Optional<Mark> mark, String problem) {
        return mark.map(m -> new InvalidDefinitionException(problem, m.getLine() + 1, m.getColumn() + 1))
                .orElseGet(() -> new InvalidDefinitionException(problem));
    }

    private static InvalidDefinitionException positioned(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        if (e.getContext() != null && !e.getContext().isBlank()) {
            problem = e.getContext() + ": " + problem;
        }
        return at(e.getProblemMark(), problem.trim());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid YAML";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
