package io.opsplane.observability.alerting.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opsplane.observability.alerting.routing.Route;
import io.opsplane.platform.yaml.YamlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Alertmanager's own example files (shared/corpus, read in place, never copied): each is refused naming a field
 * Opsplane does not support; with the refused fields cut out one by one, the rest reads and routes as Alertmanager
 * routes it.
 */
class AlertmanagerCorpusTest {

    private static final Path CORPUS = Path.of("..", "..", "shared", "corpus", "alertmanager");

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            alertmanager-v0.21.0__doc_examples_simple.yml ; templates global.smtp_smarthost global.smtp_from global.smtp_auth_username global.smtp_auth_password receivers[0].email_configs receivers[1].email_configs receivers[1].pagerduty_configs receivers[2].email_configs receivers[3].pagerduty_configs receivers[4].pagerduty_configs
            alertmanager-v0.34.0__doc_examples_simple.yml ; templates tracing global.smtp_smarthost global.smtp_from global.smtp_auth_username global.smtp_auth_password receivers[0].email_configs receivers[1].email_configs receivers[1].pagerduty_configs receivers[2].email_configs receivers[3].pagerduty_configs receivers[4].pagerduty_configs
            alertmanager-v0.34.0__config_testdata_conf.good.yml ; templates global.smtp_smarthost global.smtp_from global.smtp_auth_username global.smtp_auth_password global.smtp_hello global.http_config.proxy_url receivers[0].email_configs receivers[1].email_configs receivers[1].pagerduty_configs receivers[2].email_configs receivers[3].pagerduty_configs receivers[4].pagerduty_configs receivers[5].victorops_configs receivers[6].opsgenie_configs receivers[7].pushover_configs receivers[8].slack_configs[0].image_url
            alertmanager-v0.34.0__cli_testdata_conf.routing.yml ; templates global.smtp_smarthost
            """)
    void refusesOnlyWhatOpsplaneDoesNotSupport(String file, String refusedFields) throws IOException {
        Path path = CORPUS.resolve(file);
        assumeTrue(Files.isRegularFile(path), "the shared corpus is not next to the repository");
        String text = Files.readString(path);
        List<String> refused = new ArrayList<>();
        AlertmanagerConfig config = null;
        while (config == null) {
            try {
                config = AlertmanagerConfigReader.read(text);
            } catch (YamlException e) {
                assertTrue(e.line() > 0 && e.column() > 0, e.getMessage());
                boolean unsupported = e.problem().contains("is not supported by Opsplane");
                boolean unknownAfter025 = e.problem().equals("unknown field 'tracing'");
                assertTrue(unsupported || unknownAfter025, e.getMessage());
                refused.add(e.path());
                text = withoutKeyAt(text, e.line(), e.column());
            }
        }
        assertEquals(Arrays.asList(refusedFields.split(" ")), refused);
        assertTrue(config.receivers().containsKey(config.route().options().receiver()));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = ';', textBlock = """
            alertmanager-v0.21.0__doc_examples_simple.yml ; service=foo1 severity=critical ; team-X-pager
            alertmanager-v0.21.0__doc_examples_simple.yml ; service=foo1 severity=warning  ; team-X-mails
            alertmanager-v0.21.0__doc_examples_simple.yml ; service=files severity=critical ; team-Y-pager
            alertmanager-v0.21.0__doc_examples_simple.yml ; service=database owner=team-X  ; team-X-pager
            alertmanager-v0.21.0__doc_examples_simple.yml ; service=database owner=team-Y  ; team-Y-pager
            alertmanager-v0.21.0__doc_examples_simple.yml ; service=database owner=team-Z  ; team-DB-pager
            alertmanager-v0.21.0__doc_examples_simple.yml ; service=other                  ; team-X-mails
            alertmanager-v0.34.0__doc_examples_simple.yml ; service=foo2 severity=critical ; team-X-pager
            alertmanager-v0.34.0__doc_examples_simple.yml ; service=foo12                  ; team-X-mails
            alertmanager-v0.34.0__config_testdata_conf.good.yml ; service=database owner2=team-X owner=team-Y ; team-X-pager team-Y-pager
            alertmanager-v0.34.0__cli_testdata_conf.routing.yml ; test=1 ; test1
            alertmanager-v0.34.0__cli_testdata_conf.routing.yml ; test=2 ; test1 test2
            alertmanager-v0.34.0__cli_testdata_conf.routing.yml ; test=3 ; default
            """)
    void routesTheRestAsAlertmanager(String file, String labels, String receivers) throws IOException {
        Path path = CORPUS.resolve(file);
        assumeTrue(Files.isRegularFile(path), "the shared corpus is not next to the repository");
        Route root = readWithoutRefusedFields(Files.readString(path)).route();
        Map<String, String> set = Arrays.stream(labels.split(" ")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        assertEquals(receivers, root.match(set).stream().map(route -> route.options().receiver())
                .collect(Collectors.joining(" ")));
    }

    private static AlertmanagerConfig readWithoutRefusedFields(String text) {
        while (true) {
            try {
                return AlertmanagerConfigReader.read(text);
            } catch (YamlException e) {
                text = withoutKeyAt(text, e.line(), e.column());
            }
        }
    }

    /** Cuts the key written at {@code line}:{@code column} and the lines of its value out of a block-style text. */
    private static String withoutKeyAt(String text, int line, int column) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int keyIndent = column - 1;
        int end = line;
        while (end < lines.size()) {
            String next = lines.get(end);
            int indent = next.length() - next.stripLeading().length();
            boolean blank = next.isBlank() || next.stripLeading().startsWith("#");
            boolean sequenceAtKeyIndent = indent == keyIndent && next.stripLeading().startsWith("- ");
            if (!blank && indent < keyIndent || (!blank && indent == keyIndent && !sequenceAtKeyIndent)) {
                break;
            }
            end++;
        }
        lines.subList(line - 1, end).clear();
        return String.join("\n", lines);
    }
}
