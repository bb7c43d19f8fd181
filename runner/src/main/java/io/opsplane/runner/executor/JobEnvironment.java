package io.opsplane.runner.executor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole environment of a job's processes: a system PATH and HOME, the job's variables over them, the
 * runner's own variables (CI_JOB_STATUS) last. Nothing comes from the runner's environment, which may hold
 * its tokens. Values travel in the environment and never in arguments, which every user can read in /proc.
 */
final class JobEnvironment {

    private JobEnvironment() {
    }

    static Map<String, String> of(JobExecution execution, String home, Map<String, String> runnerVariables) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", SystemTools.PATH);
        environment.put("HOME", home);
        environment.putAll(execution.variables());
        environment.putAll(runnerVariables);
        return environment;
    }
}
