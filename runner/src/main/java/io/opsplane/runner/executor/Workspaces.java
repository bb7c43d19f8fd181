package io.opsplane.runner.executor;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Checks on a job's workspace, which the runner's checkout creates before the executor starts. */
final class Workspaces {

    private Workspaces() {
    }

    static void requireDirectory(Path workspace) throws NoSuchFileException {
        if (!Files.isDirectory(workspace)) {
            throw new NoSuchFileException(workspace.toString(), null, "the job's workspace is not a directory");
        }
    }
}
