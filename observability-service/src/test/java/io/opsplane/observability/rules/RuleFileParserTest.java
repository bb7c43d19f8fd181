package io.opsplane.observability.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opsplane.observability.support.CaseTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleFileParserTest {

    /** Refused by Opsplane although promtool accepts it: NUL characters in values. */
    private static final String DELIBERATE_DIFFERENCE = "nul_escape.yml";

    static Stream<Arguments> promtoolCases() {
        return CaseTable.read(RuleFileParserTest.class, "rule-file-cases.tsv").stream()
                .map(c -> Arguments.of(c[0], c[1], c[2]));
    }

    private static String resource(String name) {
        try (InputStream in = RuleFileParserTest.class.getResourceAsStream("rule-files/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String outcome(String file, String text) {
        try {
            RuleFileParser.parse(file, text);
            return "ok";
        } catch (RuleFileException e) {
            return e.getMessage().replace(file + ": ", "");
        }
    }

    private static List<String> withoutPositions(String messages) {
        return Arrays.stream(messages.split("\n")).map(m -> m.replaceAll("^(\\d+:\\d+: )+", "")).sorted().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("promtoolCases")
    void acceptsAndRefusesAsPromtool(String file, String promtool, String opsplane) {
        String actual = outcome(file, resource(file));
        assertEquals(opsplane, actual);
        if (!file.equals(DELIBERATE_DIFFERENCE)) {
            assertEquals(promtool.equals("ok"), actual.equals("ok"), "promtool said: " + promtool);
        }
        boolean promtoolWordsItsOwnChecks = !promtool.equals("ok") && !promtool.startsWith("yaml:")
                && !promtool.startsWith("not a valid duration");
        if (promtoolWordsItsOwnChecks) {
            assertEquals(withoutPositions(promtool), withoutPositions(actual));
        }
    }

    @Test
    void buildsGroupsAndRules() {
        List<RuleGroup> groups = RuleFileParser.parse("ok_basic.yml", resource("ok_basic.yml"));
        RuleGroup group = groups.get(0);
        assertEquals("g", group.name());
        assertEquals(Duration.ofSeconds(30), group.interval());
        assertEquals(10, group.limit());
        RecordingRule record = assertInstanceOf(RecordingRule.class, group.rules().get(0));
        assertEquals("job:up:sum", record.name());
        assertEquals(Map.of("team", "ops"), record.labels());
        AlertingRule alert = assertInstanceOf(AlertingRule.class, group.rules().get(1));
        assertEquals(Duration.ofMinutes(5), alert.holdDuration());
        assertEquals(Duration.ofMinutes(10), alert.keepFiringFor());
        assertEquals(Map.of("summary", "{{ $labels.instance }} down"), alert.annotations());
        assertEquals(java.util.Set.of("up"), alert.expr().metricNames());
    }

    static Stream<Path> corpusFiles() throws IOException {
        Path corpus = repositoryRoot().resolve("../shared/corpus/prometheus-rules").normalize();
        assumeTrue(Files.isDirectory(corpus), "no rule corpus at " + corpus);
        try (Stream<Path> files = Files.list(corpus)) {
            return files.filter(Files::isRegularFile).sorted().toList().stream();
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("observability-service"))) {
            dir = dir.getParent();
        }
        assumeTrue(dir != null, "not inside the repository");
        return dir;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void loadsEveryCorpusFile(Path file) throws IOException {
        List<RuleGroup> groups = RuleFileParser.parse(file.getFileName().toString(), Files.readString(file));
        assertTrue(groups.stream().mapToInt(g -> g.rules().size()).sum() > 0, file + " has no rules");
    }

    @Test
    void refusesHugeFilesAndValuesAndNulCharacters() {
        String many = "groups:\n- name: g\n  rules:\n" + "  - record: a\n    expr: b\n".repeat(100_000);
        assertEquals("many.yml: 2:1: groups: the file has 100000 rules, at most 10000 are accepted",
                assertThrows(RuleFileException.class, () -> RuleFileParser.parse("many.yml", many)).getMessage());
        String megabyte = "groups:\n- name: g\n  rules:\n  - record: a\n    expr: b\n    labels:\n      big: "
                + "x".repeat(1024 * 1024) + "\n";
        assertEquals("big.yml: 7:12: group \"g\", rule 1, \"a\": label \"big\": the value has 1048576 characters,"
                + " at most 65536 are accepted",
                assertThrows(RuleFileException.class, () -> RuleFileParser.parse("big.yml", megabyte)).getMessage());
        String huge = "#" + "x".repeat(RuleFileParser.MAX_FILE_CHARACTERS) + "\ngroups: []\n";
        assertEquals("huge.yml: the document is larger than 4194304 characters",
                assertThrows(RuleFileException.class, () -> RuleFileParser.parse("huge.yml", huge)).getMessage());
        String rawNul = "groups:\n- name: \"g\u0000\"\n  rules: []\n";
        assertEquals("nul.yml: 2:11: special characters are not allowed (found U+0000)",
                assertThrows(RuleFileException.class, () -> RuleFileParser.parse("nul.yml", rawNul)).getMessage());
    }
}
