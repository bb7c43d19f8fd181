package io.opsplane.runner.executor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Looks at a job's processes from outside its PID namespace, through /proc. */
final class ProcessTree {

    private static final long POLL_MILLIS = 10;

    private ProcessTree() {
    }

    /**
     * The shallowest descendant of {@code root}, at most {@code maxDepth} levels down, whose arguments (argv
     * without argv[0]) match. Shallowest, so that a job process imitating them is never the one chosen.
     */
    static Optional<ProcessHandle> findDescendant(ProcessHandle root, Predicate<String[]> arguments, int maxDepth) {
        List<ProcessHandle> level = List.of(root);
        for (int depth = 1; depth <= maxDepth && !level.isEmpty(); depth++) {
            level = level.stream().flatMap(ProcessHandle::children).toList();
            for (ProcessHandle process : level) {
                if (process.info().arguments().filter(arguments).isPresent()) {
                    return Optional.of(process);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Waits until the process has ended, a zombie counting as ended: it runs no more and holds nothing. A PID
     * namespace's first process only becomes a zombie once every other process of the namespace is gone.
     *
     * @return false when it still ran after {@code max}
     */
    static boolean awaitEnd(ProcessHandle process, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (process.isAlive() && !isZombie(process.pid())) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The state follows the command name, which is in parentheses and may itself hold ") ".
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException | IndexOutOfBoundsException e) {
            return true;
        }
    }
}
