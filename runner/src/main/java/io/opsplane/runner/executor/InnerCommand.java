package io.opsplane.runner.executor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What runs inside an executor's confinement for one phase: prlimit when the job has process limits, then
 * init.sh supervising {@code bash -eo pipefail} on the phase's script. prlimit comes first so that a limit
 * it cannot set shows as a confinement that never started rather than as a failing script.
 */
final class InnerCommand {

    private static final String[] BASH_OPTIONS = {"--noprofile", "--norc"};

    private InnerCommand() {
    }

    /**
     * @param jobFiles the job's {@link JobFiles} directory as the job sees it
     */
    static List<String> of(Path jobFiles, Phase phase, ResourceLimits limits, String prlimit, String bash) {
        List<String> command = new ArrayList<>();
        if (limits.limitsProcesses()) {
            command.add(prlimit);
            if (limits.memoryBytes() > 0) {
                command.add("--as=" + limits.memoryBytes());
            }
            if (limits.cpuSeconds() > 0) {
                command.add("--cpu=" + limits.cpuSeconds());
            }
            if (limits.maxProcesses() > 0) {
                command.add("--nproc=" + limits.maxProcesses());
            }
            command.add("--");
        }
        command.addAll(List.of(bash, BASH_OPTIONS[0], BASH_OPTIONS[1], initScript(jobFiles),
                jobFiles.resolve(JobFiles.STATUS).resolve(phase.label).toString(),
                bash, "--noprofile", "--norc", "-eo", "pipefail", jobFiles.resolve(phase.scriptFile).toString()));
        return command;
    }

    /** How init.sh appears in its process's arguments, which is how the runner finds it to send SIGTERM. */
    static String initScript(Path jobFiles) {
        return jobFiles.resolve(JobFiles.INIT).toString();
    }

    /**
     * Whether a process's arguments (argv without argv[0]) are those of init.sh's bash. The position matters:
     * the wrappers (unshare, bwrap) also carry the init script's path, further along their arguments.
     */
    static boolean runsInit(String[] arguments, String initScript) {
        return arguments.length > BASH_OPTIONS.length && arguments[0].equals(BASH_OPTIONS[0])
                && arguments[1].equals(BASH_OPTIONS[1]) && arguments[BASH_OPTIONS.length].equals(initScript);
    }
}
