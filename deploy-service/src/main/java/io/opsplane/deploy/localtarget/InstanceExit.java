package io.opsplane.deploy.localtarget;

/**
 * An instance process ended. A process ended by a signal reports 128 + the signal's number, as a
 * shell does: 143 for SIGTERM, 137 for SIGKILL. An adopted process is not this JVM's child, and
 * only a parent learns the exit status: its code is {@link #UNKNOWN_EXIT_CODE}.
 *
 * @param stopRequested whether Opsplane asked it to stop; otherwise it crashed or was killed from outside
 */
public record InstanceExit(String name, long pid, int exitCode, boolean stopRequested) {

    public static final int UNKNOWN_EXIT_CODE = -1;

    public boolean crashed() {
        return !stopRequested;
    }
}
