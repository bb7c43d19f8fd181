package io.opsplane.runner.executor;

import java.nio.file.Path;
import java.util.List;

/** Picks the executor a runner uses. */
public final class JobExecutors {

    /** Take the sandbox when this machine supports it, else the shell. */
    public static final String AUTO = "auto";

    private JobExecutors() {
    }

    /** {@link #select(String, Path)} with the jobs' private files under java.io.tmpdir. */
    public static JobExecutor select(String preferred) {
        return select(preferred, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * @param preferred "sandbox" or "shell" for that executor, failing when it is not available: a runner
     *     must not quietly run jobs with less isolation than it was configured for; "auto", blank or null
     *     for the sandbox when available, else the shell
     * @throws IllegalStateException when the executor asked for (or, for "auto", none) is available
     * @throws IllegalArgumentException for an unknown name
     */
    public static JobExecutor select(String preferred, Path scratchRoot) {
        List<JobExecutor> executors = List.of(new SandboxExecutor(scratchRoot), new ShellExecutor(scratchRoot));
        String wanted = preferred == null || preferred.isBlank() ? AUTO : preferred.trim();
        for (JobExecutor executor : executors) {
            if (wanted.equals(AUTO) ? executor.available() : executor.name().equals(wanted)) {
                if (!executor.available()) {
                    throw new IllegalStateException("the " + wanted + " executor is not available on this machine");
                }
                return executor;
            }
        }
        if (wanted.equals(AUTO)) {
            throw new IllegalStateException("no job executor is available on this machine (bwrap or unshare needed)");
        }
        throw new IllegalArgumentException("unknown job executor: " + preferred + " (sandbox, shell or auto)");
    }
}
