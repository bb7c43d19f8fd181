package io.opsplane.runner.executor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to run for one job, GitLab style: before_script and script in one {@code bash -eo pipefail},
 * then after_script in a shell of its own.
 *
 * @param workspace absolute path of the job's checkout; it must exist
 * @param variables reach the scripts as environment variables only, never as script text
 * @param timeout for before_script and script together
 * @param afterScriptTimeout for after_script alone (GitLab: 5 minutes)
 * @param gracePeriod between SIGTERM and SIGKILL when the job is canceled or times out
 * @param network whether the job may use the network; only the sandbox executor can refuse it
 */
public record JobExecution(String jobId, Path workspace, List<String> beforeScript, List<String> script,
        List<String> afterScript, Map<String, String> variables, Duration timeout, Duration afterScriptTimeout,
        Duration gracePeriod, boolean network, ResourceLimits limits) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
    public static final Duration DEFAULT_AFTER_SCRIPT_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(10);

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public JobExecution {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(workspace, "workspace");
        if (!workspace.isAbsolute()) {
            throw new IllegalArgumentException("workspace must be an absolute path: " + workspace);
        }
        beforeScript = commands("beforeScript", beforeScript);
        script = commands("script", script);
        afterScript = commands("afterScript", afterScript);
        variables = Map.copyOf(variables);
        variables.forEach(JobExecution::checkVariable);
        positive("timeout", timeout);
        positive("afterScriptTimeout", afterScriptTimeout);
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("gracePeriod must not be negative");
        }
        Objects.requireNonNull(limits, "limits");
    }

    /** A job with GitLab's defaults: 1 h timeout, 5 min after_script timeout, 10 s grace, network, 16 MiB log. */
    public static Builder builder(String jobId, Path workspace) {
        return new Builder(jobId, workspace);
    }

    // A NUL cannot travel in a script file line nor in an environment entry; refuse it rather than cut the value.
    private static List<String> commands(String what, List<String> commands) {
        List<String> copy = List.copyOf(commands);
        for (String command : copy) {
            if (command.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(what + " contains a NUL character");
            }
        }
        return copy;
    }

    private static void checkVariable(String name, String value) {
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a variable name: " + name);
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("variable " + name + " contains a NUL character");
        }
    }

    private static void positive(String what, Duration duration) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }

    /** Builds a {@link JobExecution}; unset parts keep the defaults {@link #builder} names. */
    public static final class Builder {
        private final String jobId;
        private final Path workspace;
        private List<String> beforeScript = List.of();
        private List<String> script = List.of();
        private List<String> afterScript = List.of();
        private Map<String, String> variables = Map.of();
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration afterScriptTimeout = DEFAULT_AFTER_SCRIPT_TIMEOUT;
        private Duration gracePeriod = DEFAULT_GRACE_PERIOD;
        private boolean network = true;
        private ResourceLimits limits = ResourceLimits.defaults();

        private Builder(String jobId, Path workspace) {
            this.jobId = jobId;
            this.workspace = workspace;
        }

        public Builder beforeScript(List<String> commands) {
            this.beforeScript = commands;
            return this;
        }

        public Builder script(List<String> commands) {
            this.script = commands;
            return this;
        }

        public Builder script(String... commands) {
            return script(List.of(commands));
        }

        public Builder afterScript(List<String> commands) {
            this.afterScript = commands;
            return this;
        }

        public Builder variables(Map<String, String> variables) {
            this.variables = variables;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder afterScriptTimeout(Duration timeout) {
            this.afterScriptTimeout = timeout;
            return this;
        }

        public Builder gracePeriod(Duration gracePeriod) {
            this.gracePeriod = gracePeriod;
            return this;
        }

        public Builder network(boolean network) {
            this.network = network;
            return this;
        }

        public Builder limits(ResourceLimits limits) {
            this.limits = limits;
            return this;
        }

        public JobExecution build() {
            return new JobExecution(jobId, workspace, beforeScript, script, afterScript, variables, timeout,
                    afterScriptTimeout, gracePeriod, network, limits);
        }
    }
}
