package io.opsplane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.e2e.OpsplaneCommand.Result;
import io.opsplane.platform.manifest.PlatformManifest;
import io.opsplane.testing.TestInfrastructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The launcher's promises, checked by driving {@code ./opsplane} as a user does: it stops only its own
 * processes, leaves the mode of the state folder alone, puts no secret on a command line, cleans up
 * after a failed start, and {@code down --all} stops a platform it has recorded. It runs a platform of
 * its own (ports +23500, state in {@code e2e-tests/target/launcher-home}, databases
 * {@code opsplane_launcher_*}), so it never touches the default or the end-to-end platform.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherIT {

    /** Below the kernel's ephemeral ports (32768 and up), so that no outgoing connection can hold one. */
    static final int OFFSET = 23500;
    static final String DB_PREFIX = "opsplane_launcher";

    private static final Path root = TestInfrastructure.repositoryRoot();
    private static final Path target = root.resolve("e2e-tests/target");
    private static Path home = target.resolve("launcher-home");
    private static final String ADMIN_TOKEN = "ops_"
            + Base64.getUrlEncoder().withoutPadding().encodeToString(new SecureRandom().generateSeed(32));
    private static final CommandLineWatch watch = new CommandLineWatch();
    private static Process impostor;

    @BeforeAll
    static void start() throws Exception {
        if (Files.isDirectory(home)) {
            run(Map.of(), "down"); // whatever an interrupted earlier run left behind
            deleteTree(home);
        }
        deleteTree(target.resolve("launcher-elsewhere"));
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        home = home.toRealPath();
        watch.start();
        Result infra = run(Map.of(), "infra", "up");
        assertEquals(0, infra.status(), infra.output());
    }

    @AfterAll
    static void stop() throws Exception {
        if (impostor != null) {
            impostor.descendants().forEach(ProcessHandle::destroyForcibly);
            impostor.destroyForcibly();
        }
        run(Map.of(), "down");
        watch.stop();
        Files.deleteIfExists(target.resolve("launcher-registry"));
        for (String database : PlatformManifest.load().databaseNames(DB_PREFIX)) {
            try {
                TestInfrastructure.dropDatabase(database);
            } catch (RuntimeException e) {
                System.out.println("could not drop " + database + ": " + e.getMessage());
            }
        }
    }

    @Test
    @Order(1)
    void theStateFolderKeepsItsModeAndTheLauncherFoldersAreOwnerOnly() throws Exception {
        assertEquals("rwxr-xr-x", mode(home), "after infra up");
        Result status = run(Map.of(), "status");
        assertEquals(0, status.status(), status.output());
        assertTrue(status.output().contains("kafka"), status.output());
        assertEquals("rwxr-xr-x", mode(home), "after status");
        for (String folder : List.of("logs", "pids", "kafka", "secrets")) {
            assertEquals("rwx------", mode(home.resolve(folder)), folder);
        }
        assertEquals("rw-------", mode(home.resolve("secrets/db-password")));
        assertEquals("rw-------", mode(home.resolve("platform.env")));
    }

    @Test
    @Order(2)
    void aFailedUpStopsTheServicesItStartedButNotTheBrokerThatWasRunning() throws Exception {
        long kafka = pid("kafka");
        long prometheus = pid("prometheus");
        assertTrue(alive(kafka), "kafka runs after infra up");
        assertTrue(alive(prometheus), "prometheus runs after infra up");
        Result up = run(Map.of("OPSPLANE_READY_TIMEOUT", "1", "OPSPLANE_ADMIN_TOKEN", ADMIN_TOKEN), "up");
        assertNotEquals(0, up.status(), up.output());
        assertTrue(up.output().contains("within 1 s") || up.output().contains("exited during start-up"), up.output());
        assertEquals(Set.of(kafka, prometheus), Set.copyOf(processesOfThisPlatform()),
                "only the broker and the metrics store that were already running are left");
    }

    @Test
    @Order(3)
    void noCommandLineEverHoldsTheDatabaseOrKafkaPasswordsOrTheAdminToken() throws Exception {
        String password = Files.readString(home.resolve("secrets/db-password")).strip();
        assertTrue(password.length() >= 24, "a generated password");
        watch.sweep();
        Set<String> seen = watch.commandLines();
        assertTrue(seen.stream().anyMatch(line -> line.contains("-Dopsplane.home=" + home)),
                "the watch saw this platform's processes");
        assertEquals(List.of(), seen.stream().filter(line -> line.contains(password)).toList(),
                "command lines holding the database password");
        assertEquals(List.of(), seen.stream().filter(line -> line.contains(ADMIN_TOKEN)).toList(),
                "command lines holding the admin token");
        try (var files = Files.list(home.resolve("secrets/kafka"))) {
            List<java.nio.file.Path> passwords = files.filter(f -> f.toString().endsWith(".password")).toList();
            assertTrue(passwords.size() >= 3, "the broker's principals have passwords: " + passwords);
            for (java.nio.file.Path file : passwords) {
                assertEquals("rw-------", mode(file), file.toString());
                String kafkaPassword = Files.readString(file).strip();
                assertEquals(List.of(), seen.stream().filter(line -> line.contains(kafkaPassword)).toList(),
                        "command lines holding the Kafka password of " + file.getFileName());
            }
        }
    }

    @Test
    @Order(4)
    void downAllStopsAPlatformRecordedInTheRegistry() throws Exception {
        long kafka = pid("kafka");
        Path registry = target.resolve("launcher-registry");
        Files.writeString(registry, home + "\n");
        Map<String, String> env = new HashMap<>();
        env.put("OPSPLANE_REGISTRY", registry.toString());
        // Another state folder, which does not exist: the platform is found through the registry alone,
        // and stopped with the settings of its platform.env.
        env.put("OPSPLANE_HOME", target.resolve("launcher-elsewhere").toString());
        env.put("OPSPLANE_PORT_OFFSET", null);
        env.put("OPSPLANE_DB_PREFIX", null);
        Result down = run(env, "down", "--all");
        assertEquals(0, down.status(), down.output());
        assertTrue(down.output().contains("stopping the platform in " + home), down.output());
        assertFalse(alive(kafka), "the broker is stopped");
        assertEquals(List.of(), processesOfThisPlatform());
        assertFalse(Files.exists(target.resolve("launcher-elsewhere")), "down --all creates no state folder");
    }

    @Test
    @Order(5)
    void downLeavesAProcessOfAnotherStateFolderAlone() throws Exception {
        // The same service of another platform (another state folder), or any process that got a pid
        // this platform once had: its pid is in this platform's pid file, but it is not this platform's.
        String jar = root.resolve("pipeline-service/target/quarkus-app/quarkus-run.jar").toString();
        impostor = new ProcessBuilder("bash", "-c", "sleep 300; :", "impostor",
                "-Dopsplane.home=" + target.resolve("another-home"), jar).redirectErrorStream(true).start();
        Files.writeString(home.resolve("pids/pipeline-service.pid"), impostor.pid() + "\n");
        Result status = run(Map.of(), "status");
        assertTrue(status.output().lines().anyMatch(line -> line.matches("pipeline-service\\s+stopped.*")),
                status.output());
        Result down = run(Map.of(), "down");
        assertEquals(0, down.status(), down.output());
        assertTrue(impostor.isAlive(), "down killed a process that is not its own:\n" + down.output());
        impostor.descendants().forEach(ProcessHandle::destroyForcibly);
        impostor.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    @Order(6)
    void aFailedUpStopsTheBrokerAndTheServicesItStarted() throws Exception {
        assertEquals(List.of(), processesOfThisPlatform(), "nothing runs before");
        Result up = run(Map.of("OPSPLANE_READY_TIMEOUT", "1", "OPSPLANE_ADMIN_TOKEN", ADMIN_TOKEN), "up");
        assertNotEquals(0, up.status(), up.output());
        assertTrue(up.output().contains("kafka: started"), up.output());
        assertTrue(up.output().contains("prometheus: started"), up.output());
        assertTrue(up.output().contains("within 1 s") || up.output().contains("exited during start-up"), up.output());
        assertEquals(List.of(), processesOfThisPlatform(), "a failed up leaves nothing of its own running");
        noCommandLineEverHoldsTheDatabaseOrKafkaPasswordsOrTheAdminToken();
    }

    /** Runs {@code ./opsplane} for this test's platform; a null value in {@code overrides} removes a variable. */
    static Result run(Map<String, String> overrides, String... args) {
        return new OpsplaneCommand(home, OFFSET, DB_PREFIX).run(overrides, java.time.Duration.ofMinutes(5), args);
    }

    static void deleteTree(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    static long pid(String component) throws IOException {
        return Long.parseLong(Files.readString(home.resolve("pids/" + component + ".pid")).strip());
    }

    /** Alive and not a zombie (a stopped process whose parent has not reaped it yet). */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }

    static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /** The live processes started with {@code -Dopsplane.home=<this platform's state folder>}. */
    static List<Long> processesOfThisPlatform() {
        String marker = "-Dopsplane.home=" + home;
        // Prometheus is no JVM: it is this platform's by its configuration file in the state folder.
        String prometheus = "--config.file=" + home.resolve("prometheus/prometheus.yml");
        List<Long> pids = new ArrayList<>();
        CommandLineWatch.forEachProcess((pid, args) -> {
            if (args.contains(marker) || args.contains(prometheus)) {
                pids.add(pid);
            }
        });
        return pids;
    }

    /**
     * Reads every process's command line ({@code /proc/<pid>/cmdline}, which every user may read) again
     * and again while the tests run, and keeps each distinct one, so that a secret that is on a command
     * line only for a moment is caught too.
     */
    static final class CommandLineWatch {
        private final Set<String> seen = ConcurrentHashMap.newKeySet();
        private volatile boolean running;
        private Thread thread;

        interface ProcessVisitor {
            void visit(long pid, List<String> args);
        }

        static void forEachProcess(ProcessVisitor visitor) {
            try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
                entries.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(path -> {
                    try {
                        byte[] bytes = Files.readAllBytes(path.resolve("cmdline"));
                        if (bytes.length > 0) {
                            List<String> args = List.of(new String(bytes, StandardCharsets.UTF_8).split("\0"));
                            visitor.visit(Long.parseLong(path.getFileName().toString()), args);
                        }
                    } catch (IOException | RuntimeException e) {
                        // The process ended while we looked.
                    }
                });
            } catch (IOException e) {
                throw new IllegalStateException("cannot list /proc", e);
            }
        }

        void sweep() {
            Map<Long, String> lines = new HashMap<>();
            forEachProcess((pid, args) -> lines.put(pid, String.join(" ", args)));
            seen.addAll(lines.values());
        }

        Set<String> commandLines() {
            return Set.copyOf(seen);
        }

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    sweep();
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "command-line-watch");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join(5000);
            }
        }
    }
}
