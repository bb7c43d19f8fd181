package io.opsplane.e2e;

import io.opsplane.platform.manifest.PlatformManifest;
import io.opsplane.testing.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform as a user starts it, with {@code ./opsplane}, on ports shifted by
 * {@link #OFFSET} and with databases and a state folder of its own, so it can run beside a platform a
 * developer already has up.
 */
final class LaunchedPlatform {

    static final int OFFSET = 20000;
    static final String DB_PREFIX = "opsplane_e2e";
    static final java.time.Duration RUNNER_LEASE = java.time.Duration.ofSeconds(9);
    /** The database suffixes of platform.manifest: the databases are {@code opsplane_e2e_<suffix>}. */
    static final List<String> DATABASES = PlatformManifest.load().databases();

    final Path root = TestInfrastructure.repositoryRoot();
    final Path home = root.resolve("e2e-tests/target/opsplane-home");

    String gateway() {
        return "http://127.0.0.1:" + (8080 + OFFSET);
    }

    String kafka() {
        return "127.0.0.1:" + (9092 + OFFSET);
    }

    int httpPort(String component) {
        return PlatformManifest.load().component(component).orElseThrow().httpPort() + OFFSET;
    }

    /** The local address of every listening HTTP and gRPC port of this platform's components and its metrics store, one per line (ss). */
    String listeningAddresses() {
        java.util.Set<Integer> ports = new java.util.HashSet<>();
        for (PlatformManifest.Component component : PlatformManifest.load().components()) {
            ports.add(component.httpPort() + OFFSET);
            component.grpcPort().ifPresent(port -> ports.add(port + OFFSET));
        }
        ports.add(9490 + OFFSET); // the metrics store (Prometheus)
        try {
            Process ss = new ProcessBuilder("ss", "-ltnH").redirectErrorStream(true).start();
            String output = new String(ss.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            ss.waitFor();
            StringBuilder addresses = new StringBuilder();
            for (String line : output.lines().toList()) {
                String[] columns = line.trim().split("\\s+");
                String local = columns[3];
                int port = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1));
                if (ports.contains(port)) {
                    addresses.append(local).append('\n');
                }
            }
            return addresses.toString();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot list listening ports with ss", e);
        }
    }

    /** Client settings of a principal of this platform: its bootstrap and its own credentials. */
    Map<String, Object> kafkaClient(String principal, String mechanism) {
        Map<String, Object> config = new java.util.HashMap<>();
        config.put("bootstrap.servers", kafka());
        config.putAll(TestInfrastructure.kafkaCredentials(home, principal, mechanism));
        return config;
    }

    /**
     * A subscriber outside Opsplane, as a user creates one: {@code ./opsplane kafka-user NAME DOMAINS}
     * prints the path of its client configuration, which any Kafka client loads.
     */
    Map<String, Object> kafkaSubscriber(String name, String domains) {
        String[] lines = run("kafka-user", name, domains).strip().split("\n");
        Path file = Path.of(lines[lines.length - 1].strip());
        java.util.Properties properties = new java.util.Properties();
        try (var in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        Map<String, Object> config = new java.util.HashMap<>();
        properties.forEach((key, value) -> config.put((String) key, value));
        return config;
    }

    /** The key set of the {@link IdentityProvider} whose JWTs security-service accepts. */
    Path jwksFile() {
        return home.resolve("identity-provider/jwks.json");
    }

    /**
     * Runs {@code ./opsplane <args>}, with sign-in through the {@link IdentityProvider} on; returns its
     * output, failing with it when the command fails.
     */
    String run(String... args) {
        Map<String, String> settings = new java.util.HashMap<>(identityProvider());
        // A runner killed in a test loses its job after this lease, not after the default 30 s.
        settings.put("OPSPLANE_PIPELINE_RUNNERS_LEASE", RUNNER_LEASE.toSeconds() + "s");
        // The alert tests' webhook receiver listens on loopback, which receivers may reach only when admitted.
        settings.put("OPSPLANE_ALERTMANAGER_ALLOWED_HOSTS", "127.0.0.1");
        OpsplaneCommand.Result result = new OpsplaneCommand(home, OFFSET, DB_PREFIX)
                .run(settings, java.time.Duration.ofMinutes(6), args);
        if (result.status() != 0) {
            throw new IllegalStateException("./opsplane " + String.join(" ", args)
                    + (result.status() < 0 ? " did not finish:\n" : " failed:\n") + result.output());
        }
        return result.output();
    }

    /**
     * The launcher's OIDC settings. The JWKS file is written into the home before the first command
     * after {@link #reset()}, so before {@code up}; the keys stay the same for the whole test run.
     */
    private Map<String, String> identityProvider() {
        if (!Files.exists(jwksFile())) {
            IdentityProvider.writeJwks(jwksFile());
        }
        return IdentityProvider.launcherEnvironment(jwksFile());
    }

    /** A fresh start: no state folder, empty databases (so the admin token is generated anew). */
    void reset() throws IOException {
        if (Files.exists(home)) {
            try (var paths = Files.walk(home)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        DATABASES.forEach(db -> TestInfrastructure.freshDatabase(DB_PREFIX + "_" + db));
    }

    long pid(String service) throws IOException {
        return Long.parseLong(Files.readString(home.resolve("pids/" + service + ".pid")).trim());
    }

    /** {@code kill -9}: no shutdown hook, no flush, no goodbye. */
    void kill9(String service) throws Exception {
        long pid = pid(service);
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
        kill.waitFor(10, TimeUnit.SECONDS);
        for (int i = 0; i < 100 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
    }

    /** The token the launcher's runners authenticate with. */
    String runnerToken() throws IOException {
        return Files.readString(home.resolve("secrets/service-tokens/runner.token")).trim();
    }

    String adminToken() throws IOException {
        return Files.readString(home.resolve("admin-token")).trim();
    }

    Path adminTokenFile() {
        return home.resolve("admin-token");
    }
}
