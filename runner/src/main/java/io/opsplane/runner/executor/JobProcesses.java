package io.opsplane.runner.executor;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The process settings every executor shares: output merged into one pipe, no input, only the given environment. */
final class JobProcesses {

    private static final File NO_INPUT = new File("/dev/null");

    private JobProcesses() {
    }

    static ProcessBuilder builder(List<String> command, Map<String, String> environment, Path directory) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder;
    }
}
