package io.opsplane.runner.executor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs jobs as the runner's user with no confinement but a PID namespace of their own: for trusted jobs on
 * machines without bubblewrap. The job sees the runner's files and network ({@link JobExecution#network()}
 * is not enforced); it does get a clean environment.
 *
 * <p>The command is {@code setpriv --pdeathsig KILL -- unshare --pid --fork --kill-child --mount-proc -- ...}:
 * the namespace makes killing unshare kill every descendant, double-forked and setsid ones included
 * (--kill-child: its child, the namespace's first process, gets SIGKILL when unshare dies, and the kernel
 * then kills the whole namespace); setpriv makes unshare itself get SIGKILL when the runner dies, which
 * unshare alone does not. Where the runner lacks CAP_SYS_ADMIN (not root), {@code --user --map-root-user}
 * is added: a user namespace lets an unprivileged user create the PID namespace; {@link #available()}
 * probes which of the two works.
 */
public final class ShellExecutor implements JobExecutor {

    public static final String NAME = "shell";

    private static final List<String> PID_NAMESPACE = List.of("--pid", "--fork", "--kill-child", "--mount-proc");
    private static final List<String> USER_NAMESPACE = List.of("--user", "--map-root-user");

    private final Path scratchRoot;
    private Optional<Setup> setup;

    /** Keeps the jobs' private files under java.io.tmpdir. */
    public ShellExecutor() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param scratchRoot where each job gets its private directory (scripts, exit status), outside workspaces */
    public ShellExecutor(Path scratchRoot) {
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
                "the shell executor needs bash, setpriv, unshare and prlimit (util-linux) and PID namespaces"));
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
        Optional<String> setpriv = SystemTools.find("setpriv");
        Optional<String> unshare = SystemTools.find("unshare");
        Optional<String> prlimit = SystemTools.find("prlimit");
        Optional<String> bash = SystemTools.find("bash");
        if (setpriv.isEmpty() || unshare.isEmpty() || prlimit.isEmpty() || bash.isEmpty()) {
            return Optional.empty();
        }
        for (List<String> options : List.of(PID_NAMESPACE, concat(USER_NAMESPACE, PID_NAMESPACE))) {
            Setup candidate = new Setup(setpriv.get(), unshare.get(), prlimit.get(), bash.get(), options);
            if (Probe.succeeds(candidate.wrap(List.of(bash.get(), "-c", ":")))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private record Setup(String setpriv, String unshare, String prlimit, String bash, List<String> unshareOptions) {

        List<String> wrap(List<String> inner) {
            List<String> command = new ArrayList<>(List.of(setpriv, "--pdeathsig", "KILL", "--", unshare));
            command.addAll(unshareOptions);
            command.add("--");
            command.addAll(inner);
            return command;
        }
    }

    private record Launcher(Setup tools, JobExecution execution, JobFiles files) implements PhaseLauncher {

        @Override
        public ProcessBuilder processFor(Phase phase, Map<String, String> runnerVariables) {
            List<String> inner = InnerCommand.of(files.dir(), phase, execution.limits(), tools.prlimit(), tools.bash());
            String home = System.getProperty("user.home");
            return JobProcesses.builder(tools.wrap(inner), JobEnvironment.of(execution, home, runnerVariables),
                    execution.workspace());
        }

        @Override
        public String initScript() {
            return InnerCommand.initScript(files.dir());
        }
    }
}
