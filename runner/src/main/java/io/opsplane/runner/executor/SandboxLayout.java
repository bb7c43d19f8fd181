package io.opsplane.runner.executor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bubblewrap arguments of a job's sandbox. The job sees the system directories read-only, not the whole
 * file system (the runner's state directory holds its tokens), its workspace writable at the same path, its
 * private files read-only at {@link #JOB_FILES} and a private /tmp; the rest of the root is an empty,
 * read-only tmpfs. It gets PID, IPC and UTS namespaces (and a network namespace of its own, with only
 * loopback, when it has no network), a new session (no TIOCSTI into the runner's terminal) and no
 * capabilities: as root, bwrap keeps all of them unless told otherwise, and with them a job could remount
 * / read-write. bwrap also sets no_new_privs, so no setuid program hands them back.
 */
final class SandboxLayout {

    /** Where a job's {@link JobFiles} appear inside the sandbox. */
    static final Path JOB_FILES = Path.of("/opsplane");

    private static final List<String> SYSTEM_DIRECTORIES = List.of("/usr", "/etc");
    /** Symbolic links into /usr on merged-/usr systems, directories elsewhere; absent ones are left out. */
    private static final List<String> TOP_LEVEL_DIRECTORIES = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");
    private static final Path ETC = Path.of("/etc");
    private static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");

    private SandboxLayout() {
    }

    static List<String> arguments(JobExecution execution, JobFiles files) throws IOException {
        List<String> arguments = new ArrayList<>(isolation(execution.network()));
        arguments.addAll(systemDirectories());
        arguments.addAll(masks(files.dir()));
        arguments.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        String jobFiles = JOB_FILES.toString();
        String status = JOB_FILES.resolve(JobFiles.STATUS).toString();
        arguments.addAll(List.of(
                "--ro-bind", files.dir().toString(), jobFiles,
                "--bind", files.dir().resolve(JobFiles.STATUS).toString(), status));
        String workspace = execution.workspace().toString();
        arguments.addAll(List.of("--bind", workspace, workspace));
        arguments.addAll(List.of("--remount-ro", "/", "--chdir", workspace));
        return arguments;
    }

    /** A sandbox as a job gets it, less the job's own directories: whether bwrap works here at all. */
    static List<String> probeArguments() throws IOException {
        List<String> arguments = new ArrayList<>(isolation(false));
        arguments.addAll(systemDirectories());
        arguments.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--remount-ro", "/"));
        return arguments;
    }

    private static List<String> isolation(boolean network) {
        List<String> arguments = new ArrayList<>(List.of(
                "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-ipc", "--unshare-uts"));
        if (!network) {
            arguments.add("--unshare-net");
        }
        arguments.addAll(List.of("--cap-drop", "ALL"));
        return arguments;
    }

    private static List<String> systemDirectories() throws IOException {
        List<String> arguments = new ArrayList<>();
        for (String directory : SYSTEM_DIRECTORIES) {
            arguments.addAll(List.of("--ro-bind", directory, directory));
        }
        for (String directory : TOP_LEVEL_DIRECTORIES) {
            Path path = Path.of(directory);
            if (Files.isSymbolicLink(path)) {
                arguments.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), directory));
            } else if (Files.isDirectory(path)) {
                arguments.addAll(List.of("--ro-bind", directory, directory));
            }
        }
        // systemd-resolved makes resolv.conf a link into /run, which the sandbox lacks: DNS needs its target.
        if (Files.isSymbolicLink(RESOLV_CONF) && Files.exists(RESOLV_CONF)) {
            Path target = RESOLV_CONF.toRealPath();
            if (SYSTEM_DIRECTORIES.stream().noneMatch(directory -> target.startsWith(directory))) {
                arguments.addAll(List.of("--ro-bind", target.toString(), target.toString()));
            }
        }
        return arguments;
    }

    private static List<String> masks(Path jobFiles) throws IOException {
        UnreadableFiles unreadable = UnreadableFiles.under(ETC);
        List<String> arguments = new ArrayList<>();
        String emptyFile = jobFiles.resolve(JobFiles.EMPTY_FILE).toString();
        String emptyDirectory = jobFiles.resolve(JobFiles.EMPTY_DIRECTORY).toString();
        for (Path file : unreadable.files()) {
            arguments.addAll(List.of("--ro-bind", emptyFile, file.toString()));
        }
        for (Path directory : unreadable.directories()) {
            arguments.addAll(List.of("--ro-bind", emptyDirectory, directory.toString()));
        }
        return arguments;
    }
}
