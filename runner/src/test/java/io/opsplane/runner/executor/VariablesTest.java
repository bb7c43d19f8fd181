package io.opsplane.runner.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Variables reach a job only as environment variables, and nothing else of the runner's environment does. */
class VariablesTest {

    @TempDir
    Path workspace;
    @TempDir
    Path scratch;

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void valuesStayLiteral(String executorName) throws Exception {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("SUBSTITUTION", "$(touch substituted)");
        variables.put("BACKTICKS", "`touch backticked`");
        variables.put("SEPARATOR", "main; touch separated");
        variables.put("NEWLINE", "main\ntouch newlined\n");
        variables.put("QUOTES", "it's \"quoted\" \\ $HOME ${PATH} !! *");
        variables.put("EMPTY", "");
        String[] script = variables.keySet().stream()
                .map(name -> "printf '%s' \"$" + name + "\" > " + name + ".out")
                .toArray(String[]::new);

        Jobs.Finished job = Jobs.run(TestExecutors.named(executorName, scratch),
                Jobs.job(workspace, script).variables(variables).build());

        assertEquals(Outcome.SUCCESS, job.result().outcome(), job.log());
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            Path out = workspace.resolve(variable.getKey() + ".out");
            assertEquals(variable.getValue(), Files.readString(out, StandardCharsets.UTF_8), variable.getKey());
        }
        try (var files = Files.list(workspace)) {
            assertEquals(variables.size(), files.count(), "no command hidden in a value ran");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void theEnvironmentHoldsOnlyTheJobsVariables(String executorName) throws Exception {
        Jobs.Finished job = Jobs.run(TestExecutors.named(executorName, scratch),
                Jobs.job(workspace, "env -0 > env.out").variables(Map.of("JOB_VARIABLE", "value")).build());

        assertEquals(Outcome.SUCCESS, job.result().outcome(), job.log());
        Map<String, String> environment = Arrays.stream(Files.readString(workspace.resolve("env.out")).split("\0"))
                .filter(entry -> !entry.isEmpty())
                .collect(Collectors.toMap(entry -> entry.substring(0, entry.indexOf('=')),
                        entry -> entry.substring(entry.indexOf('=') + 1)));
        // bash itself adds PWD, SHLVL and _.
        Set<String> allowed = new HashSet<>(Set.of("PATH", "HOME", "PWD", "SHLVL", "_", "OLDPWD", "JOB_VARIABLE"));
        Set<String> unexpected = new HashSet<>(environment.keySet());
        unexpected.removeAll(allowed);
        assertEquals(Set.of(), unexpected, "variables of the runner's environment leaked into the job");
        assertEquals("value", environment.get("JOB_VARIABLE"));
        assertEquals(SystemTools.PATH, environment.get("PATH"));
    }
}
