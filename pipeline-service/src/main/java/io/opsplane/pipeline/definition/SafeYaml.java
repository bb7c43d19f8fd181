package io.opsplane.pipeline.definition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The checks every YAML definition goes through before anything reads it: bounded size, nesting and aliases (no
 * "billion laughs"), no structure that contains itself, one document. Every rejection names the line and column,
 * except an empty or oversized text and too many aliases to lists and mappings (snakeyaml-engine's count has no
 * position). {@link io.opsplane.pipeline.definition.gitlab.YamlReader} composes every file of a
 * {@link GitlabCiCompiler} definition through {@link #compose}; walking the nodes, it is what refuses duplicate keys
 * and tags other than the standard ones (nothing here constructs objects, so snakeyaml's own checks for those never
 * run).
 */
public final class SafeYaml {

    public static final int MAX_CODE_POINTS = 256 * 1024;
    public static final int MAX_DEPTH = 32;

    private SafeYaml() {
    }

    private static LoadSettings settings(int maxAliases) {
        return LoadSettings.builder()
                .setLabel("definition")
                .setMaxAliasesForCollections(maxAliases)
                .setCodePointLimit(MAX_CODE_POINTS)
                // The whole document fits the reader's buffer: snakeyaml-engine 2.10 fails on a surrogate
                // pair that straddles a buffer boundary.
                .setBufferSize(2 * MAX_CODE_POINTS + 1)
                .build();
    }

    /** Refuses an empty or oversized text before any parsing. */
    private static void checkInput(String yaml) throws InvalidDefinitionException {
        if (yaml == null || yaml.isBlank()) {
            throw new InvalidDefinitionException("the definition is empty");
        }
        if (yaml.codePointCount(0, yaml.length()) > MAX_CODE_POINTS) {
            throw new InvalidDefinitionException("the definition is larger than " + MAX_CODE_POINTS + " characters");
        }
    }

    /**
     * Composes the node graph of a checked document: nothing is constructed, so no tag can instantiate anything.
     * Aliases stay shared nodes; whoever walks the graph must bound what they expand to.
     */
    public static Node compose(String yaml, int maxAliases) throws InvalidDefinitionException {
        checkInput(yaml);
        LoadSettings settings = settings(maxAliases);
        checkShape(settings, yaml);
        try {
            return new Compose(settings).composeString(yaml)
                    .orElseThrow(() -> new InvalidDefinitionException("the definition is empty"));
        } catch (YamlEngineException e) {
            throw translate(yaml, e);
        }
    }

    /**
     * Walks the event stream (no recursion, so a deep document cannot exhaust the stack) to bound nesting, to
     * refuse an alias to a collection that is still open (a structure that contains itself) and to refuse a second
     * document, naming GitLab's {@code spec:} header when the first document is one.
     */
    private static void checkShape(LoadSettings settings, String yaml) throws InvalidDefinitionException {
        int depth = 0;
        int documents = 0;
        Deque<String> openAnchors = new ArrayDeque<>();
        FirstKey firstKey = new FirstKey();
        try {
            for (Event event : new Parse(settings).parseString(yaml)) {
                switch (event.getEventId()) {
                    case MappingStart, SequenceStart -> {
                        depth++;
                        if (depth > MAX_DEPTH) {
                            throw at(event.getStartMark(), "nesting is deeper than " + MAX_DEPTH + " levels");
                        }
                        firstKey.collectionStarts(documents, depth, event);
                        openAnchors.push(((CollectionStartEvent) event).getAnchor().map(Anchor::getValue).orElse(""));
                    }
                    case MappingEnd, SequenceEnd -> {
                        depth--;
                        openAnchors.pop();
                    }
                    case Scalar -> firstKey.scalar(documents, depth, (ScalarEvent) event);
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
                            if (firstKey.isSpecHeader()) {
                                throw at(firstKey.mark, "keyword 'spec:inputs' is not supported: the definition "
                                        + "starts with a 'spec:' header document (CI/CD inputs), followed by a second "
                                        + "YAML document");
                            }
                            throw at(event.getStartMark(), "expected one YAML document, found more");
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (YamlEngineException e) {
            throw translate(yaml, e);
        }
    }

    /** Turns any snakeyaml-engine failure into a single-line problem with its position when known. */
    private static InvalidDefinitionException translate(String yaml, YamlEngineException e) {
        if (e instanceof MarkedYamlEngineException marked) {
            return positioned(marked);
        }
        if (e instanceof ReaderException reader) {
            return atCodePoint(yaml, reader);
        }
        return new InvalidDefinitionException(firstLine(e.getMessage()));
    }

    private static InvalidDefinitionException at(Optional<Mark> mark, String problem) {
        return mark.map(m -> new InvalidDefinitionException(problem, m.getLine() + 1, m.getColumn() + 1))
                .orElseGet(() -> new InvalidDefinitionException(problem));
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
        return new InvalidDefinitionException(String.format("special characters are not allowed (found U+%04X)",
                e.getCodePoint()), line, column);
    }

    private static InvalidDefinitionException positioned(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        if (e.getContext() != null && !e.getContext().isBlank()) {
            problem = e.getContext() + ": " + problem;
        }
        return at(e.getProblemMark(), firstLine(problem.trim()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid YAML";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Remembers the first key of the first document's top-level mapping, to recognise a {@code spec:} header. */
    private static final class FirstKey {
        private boolean topIsMapping;
        private boolean seen;
        private String key = "";
        private Optional<Mark> mark = Optional.empty();

        void collectionStarts(int documents, int depth, Event event) {
            if (documents <= 1 && depth == 1) {
                topIsMapping = event.getEventId() == Event.ID.MappingStart;
            }
            if (documents <= 1 && depth == 2 && topIsMapping) {
                seen = true; // a collection used as the first key: not a spec header
            }
        }

        void scalar(int documents, int depth, ScalarEvent event) {
            if (documents <= 1 && depth == 1 && topIsMapping && !seen) {
                seen = true;
                key = event.getValue();
                mark = event.getStartMark();
            }
        }

        boolean isSpecHeader() {
            return "spec".equals(key);
        }
    }
}
