package io.opsplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.observability.rules.AlertingRule;
import io.opsplane.observability.rules.RecordingRule;
import io.opsplane.observability.rules.RuleFileParser;
import io.opsplane.observability.rules.RuleGroup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule files of the rule-evaluation benchmark, read by observability-service's own parser. */
class RuleFilesTest {

    @ParameterizedTest(name = "{0} rules in groups of {1}: {2} files, {3} groups")
    @CsvSource({
        "250, 25, 1, 10",
        "500, 25, 1, 20",
        "1000, 25, 2, 40",
        "2000, 25, 4, 80",
        "2000, 20, 4, 100",
        "400, 400, 1, 1",
        "800, 400, 2, 2",
        "50, 25, 1, 2",
    })
    void everyFileIsAcceptedWithTheRulesAndGroupsAskedFor(int total, int size, int files, int groups) {
        List<String[]> written = RuleFiles.files("run1", total, size);
        assertEquals(files, written.size());
        List<RuleGroup> parsed = new ArrayList<>();
        Set<String> namespaces = new HashSet<>();
        for (String[] file : written) {
            assertTrue(namespaces.add(file[0]), "namespace names differ: " + file[0]);
            assertTrue(file[1].getBytes(StandardCharsets.UTF_8).length < 1024 * 1024, "under the gateway's body limit");
            parsed.addAll(RuleFileParser.parse(file[0], file[1]));
        }
        assertEquals(groups, parsed.size());
        Set<String> groupNames = new HashSet<>();
        int rules = 0;
        for (RuleGroup group : parsed) {
            assertTrue(groupNames.add(group.name()), "group names differ: " + group.name());
            assertEquals(Duration.ofSeconds(1), group.interval());
            RecordingRule counter = assertInstanceOf(RecordingRule.class, group.rules().get(0));
            assertEquals(RuleFiles.RECORD, counter.name());
            assertEquals(group.name(), counter.labels().get("bench_group"));
            assertEquals("run1", counter.labels().get("bench_run"));
            group.rules().subList(1, group.rules().size()).forEach(rule -> assertInstanceOf(AlertingRule.class, rule));
            rules += group.rules().size();
        }
        assertEquals(total, rules);
    }
}
