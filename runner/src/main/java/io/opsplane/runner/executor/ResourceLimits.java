package io.opsplane.runner.executor;

/**
 * Limits on a job. The log limit always applies; the others are set with prlimit(1) on the job's processes,
 * each process getting them anew (they are per process, not per job), and 0 means no limit.
 *
 * @param maxLogBytes bytes of log kept; later output is read and dropped, the job goes on
 * @param memoryBytes address space per process (RLIMIT_AS): virtual, so programs reserving much
 *     (JVMs, Go binaries) need far more than they use
 * @param cpuSeconds CPU time per process (RLIMIT_CPU): SIGXCPU at the limit
 * @param maxProcesses processes of the job's user (RLIMIT_NPROC): counts every process of that user on
 *     the machine and is not enforced for a process keeping CAP_SYS_RESOURCE (the shell executor as root),
 *     so it only means something when jobs run as a user of their own
 */
public record ResourceLimits(long maxLogBytes, long memoryBytes, long cpuSeconds, long maxProcesses) {

    public static final long DEFAULT_MAX_LOG_BYTES = 16L * 1024 * 1024;

    public ResourceLimits {
        if (maxLogBytes <= 0) {
            throw new IllegalArgumentException("maxLogBytes must be positive");
        }
        if (memoryBytes < 0 || cpuSeconds < 0 || maxProcesses < 0) {
            throw new IllegalArgumentException("limits must be 0 (none) or positive");
        }
    }

    /** A 16 MiB log and no other limit. */
    public static ResourceLimits defaults() {
        return new ResourceLimits(DEFAULT_MAX_LOG_BYTES, 0, 0, 0);
    }

    public ResourceLimits withMaxLogBytes(long bytes) {
        return new ResourceLimits(bytes, memoryBytes, cpuSeconds, maxProcesses);
    }

    public ResourceLimits withMemoryBytes(long bytes) {
        return new ResourceLimits(maxLogBytes, bytes, cpuSeconds, maxProcesses);
    }

    public ResourceLimits withCpuSeconds(long seconds) {
        return new ResourceLimits(maxLogBytes, memoryBytes, seconds, maxProcesses);
    }

    public ResourceLimits withMaxProcesses(long processes) {
        return new ResourceLimits(maxLogBytes, memoryBytes, cpuSeconds, processes);
    }

    boolean limitsProcesses() {
        return memoryBytes > 0 || cpuSeconds > 0 || maxProcesses > 0;
    }
}
