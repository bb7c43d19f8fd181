package io.opsplane.runner.executor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs jobs in a bubblewrap sandbox laid out by {@link SandboxLayout}. bwrap gets the job's environment as
 * its own and passes it on unchanged, so values never show in its arguments; HOME is the sandbox's /tmp.
 * --die-with-parent makes bwrap die with the runner (and the sandbox with bwrap); the job's PID namespace
 * makes that death take every process of the job along.
 */
public final class SandboxExecutor implements JobExecutor {

    public static final String NAME = "sandbox";

    private final Path scratchRoot;
    private Optional<Setup> setup;

    /** Keeps the jobs' private files under java.io.tmpdir. */
    public SandboxExecutor() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param scratchRoot where each job gets its private directory (scripts, exit status), outside workspaces */
    public SandboxExecutor(Path scratchRoot) {
        this.scratchRoot = scratchRoot;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean available() {
        return setup().isPresent();
    }

    @Override
    public RunningJob start(JobExecution execution, LogSink log) throws IOException {
        Setup tools = setup().orElseThrow(() -> new IllegalStateException(
                "the sandbox executor needs bwrap (bubblewrap), prlimit and bash, and namespaces it may create"));
        Workspaces.requireDirectory(execution.workspace());
        JobFiles files = JobFiles.create(scratchRoot, execution);
        return ProcessJob.start(execution, files, new Launcher(tools, execution, files), log);
    }

    private synchronized Optional<Setup> setup() {
        if (setup == null) {
            setup = probe();
        }
        return setup;
    }

    private static Optional<Setup> probe() {
        Optional<String> bwrap = SystemTools.find("bwrap");
        Optional<String> prlimit = SystemTools.find("prlimit");
        Optional<String> bash = SystemTools.find("bash");
        if (bwrap.isEmpty() || prlimit.isEmpty() || bash.isEmpty()) {
            return Optional.empty();
        }
        try {
            List<String> command = new ArrayList<>(List.of(bwrap.get()));
            command.addAll(SandboxLayout.probeArguments());
            command.addAll(List.of("--", bash.get(), "-c", ":"));
            return Probe.succeeds(command) ? Optional.of(new Setup(bwrap.get(), prlimit.get(), bash.get())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private record Setup(String bwrap, String prlimit, String bash) {
    }

    private record Launcher(Setup tools, JobExecution execution, JobFiles files) implements PhaseLauncher {

        @Override
        public ProcessBuilder processFor(Phase phase, Map<String, String> runnerVariables) {
            List<String> command = new ArrayList<>(List.of(tools.bwrap()));
            try {
                command.addAll(SandboxLayout.arguments(execution, files));
            } catch (IOException e) {
                throw new UncheckedIOException("could not lay out the sandbox", e);
            }
            command.add("--");
            command.addAll(InnerCommand.of(SandboxLayout.JOB_FILES, phase, execution.limits(), tools.prlimit(), tools.bash()));
            return JobProcesses.builder(command, JobEnvironment.of(execution, "/tmp", runnerVariables),
                    execution.workspace());
        }

        @Override
        public String initScript() {
            return InnerCommand.initScript(SandboxLayout.JOB_FILES);
        }
    }
}
