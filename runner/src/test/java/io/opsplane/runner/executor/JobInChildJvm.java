package io.opsplane.runner.executor;

import java.nio.file.Path;
import java.time.Duration;

/** A runner stand-in for {@link RunnerDeathTest}: starts one job in a JVM of its own, then waits to be killed. */
public final class JobInChildJvm {

    private JobInChildJvm() {
    }

    /** The environment variable holding the marker the job's processes carry. */
    static final String MARKER = "JOB_MARKER";

    /** Arguments: executor name, workspace, scratch directory; the marker comes in {@link #MARKER}. */
    public static void main(String[] arguments) throws Exception {
        Path scratch = Path.of(arguments[2]);
        JobExecutor executor = arguments[0].equals(SandboxExecutor.NAME) ? new SandboxExecutor(scratch) : new ShellExecutor(scratch);
        JobExecution execution = JobExecution.builder("child-jvm", Path.of(arguments[1]))
                .script(Processes.spawningScript(System.getenv(MARKER)))
                .timeout(Duration.ofMinutes(5))
                .build();
        executor.start(execution, (chunk, offset, length) -> System.out.write(chunk, offset, length));
        Thread.sleep(Long.MAX_VALUE);
    }
}
