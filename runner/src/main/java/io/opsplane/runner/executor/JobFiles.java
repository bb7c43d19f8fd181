package io.opsplane.runner.executor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A job's runner-private directory, outside its workspace and readable by the runner's user only: the
 * generated scripts, the directory where init.sh leaves exit statuses, and empty stand-ins the sandbox
 * lays over files a job must not read.
 */
final class JobFiles {

    static final String INIT = "init.sh";
    static final String STATUS = "status";
    static final String EMPTY_FILE = "empty";
    static final String EMPTY_DIRECTORY = "empty.d";

    private final Path dir;

    private JobFiles(Path dir) {
        this.dir = dir;
    }

    static JobFiles create(Path scratchRoot, JobExecution execution) throws IOException {
        Files.createDirectories(scratchRoot);
        Path dir = Files.createTempDirectory(scratchRoot, "opsplane-job-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        JobFiles files = new JobFiles(dir);
        try {
            Files.writeString(dir.resolve(INIT), InitScript.TEXT, StandardCharsets.UTF_8);
            List<String> script = new ArrayList<>(execution.beforeScript());
            script.addAll(execution.script());
            Files.writeString(dir.resolve(Phase.SCRIPT.scriptFile), ScriptText.of(script), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(Phase.AFTER_SCRIPT.scriptFile), ScriptText.of(execution.afterScript()),
                    StandardCharsets.UTF_8);
            Files.createDirectory(dir.resolve(STATUS));
            Files.createDirectory(dir.resolve(EMPTY_DIRECTORY));
            Files.createFile(dir.resolve(EMPTY_FILE));
        } catch (IOException e) {
            files.delete();
            throw e;
        }
        return files;
    }

    Path dir() {
        return dir;
    }

    /** The exit status init.sh wrote for the phase; empty when the phase's bash never ran. */
    OptionalInt exitStatus(Phase phase) {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(dir.resolve(STATUS).resolve(phase.label)).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Best effort: a file left behind in the scratch directory harms nothing. */
    void delete() {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Left for whoever cleans the scratch directory.
        }
    }
}
