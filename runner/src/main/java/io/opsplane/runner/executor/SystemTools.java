package io.opsplane.runner.executor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the executors find the programs they start, and the PATH jobs get: the usual system directories,
 * never the runner's own PATH, which may name directories a job or another user can write.
 */
final class SystemTools {

    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private SystemTools() {
    }

    static Optional<String> find(String program) {
        for (String directory : PATH.split(":")) {
            Path candidate = Path.of(directory, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
