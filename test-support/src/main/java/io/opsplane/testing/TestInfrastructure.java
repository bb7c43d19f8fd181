package io.opsplane.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The real Kafka broker and PostgreSQL server the tests run against, found or started once per JVM:
 * an already running local one first (the launcher's, CI's, a developer's), else containers where a
 * Docker engine exists, else the local ones started by {@code ./opsplane infra up}.
 */
public final class TestInfrastructure {

    /** Where PostgreSQL is and how to log in. */
    public record Postgres(String host, int port, String user, String password) {
        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public String reactiveUrl(String database) {
            return "postgresql://" + host + ":" + port + "/" + database;
        }
    }

    /** The role {@code ./opsplane infra up} creates for the services and the tests. */
    public static final String DB_ROLE = "opsplane";

    private static String kafkaBootstrap;
    private static Postgres postgres;
    private static String metricsStore;
    private static final Set<String> FRESH_DATABASES = new HashSet<>();

    private TestInfrastructure() {
    }

    public static synchronized String kafkaBootstrap() {
        if (kafkaBootstrap == null) {
            String local = env("OPSPLANE_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
            if (reachable(local)) {
                kafkaBootstrap = local;
            } else if (dockerAvailable()) {
                KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
                kafka.start();
                kafkaBootstrap = kafka.getBootstrapServers();
            } else {
                startLocalInfrastructure();
                kafkaBootstrap = local;
            }
        }
        return kafkaBootstrap;
    }

    /**
     * The base URL of the metrics store's Prometheus HTTP API: {@code OPSPLANE_METRICS_URL} when set, else
     * the Prometheus of {@code ./opsplane infra up} (127.0.0.1:9490) when it answers, else the official
     * image where a Docker engine exists, else the launcher's, started now.
     */
    public static synchronized String metricsStore() {
        if (metricsStore == null) {
            String configured = env("OPSPLANE_METRICS_URL", "");
            String local = "127.0.0.1:9490";
            if (!configured.isEmpty()) {
                metricsStore = configured;
            } else if (reachable(local)) {
                metricsStore = "http://" + local;
            } else if (dockerAvailable()) {
                @SuppressWarnings("resource") // lives as long as the JVM, like the broker's container
                org.testcontainers.containers.GenericContainer<?> prometheus =
                        new org.testcontainers.containers.GenericContainer<>("prom/prometheus:v2.42.0")
                                .withCommand("--config.file=/etc/prometheus/prometheus.yml",
                                        "--storage.tsdb.path=/prometheus", "--web.enable-remote-write-receiver",
                                        "--web.enable-lifecycle")
                                .withExposedPorts(9090)
                                .waitingFor(org.testcontainers.containers.wait.strategy.Wait.forHttp("/-/ready"));
                prometheus.start();
                metricsStore = "http://" + prometheus.getHost() + ":" + prometheus.getMappedPort(9090);
            } else {
                startLocalInfrastructure();
                metricsStore = "http://" + local;
            }
        }
        return metricsStore;
    }

    /**
     * The launcher's PostgreSQL login: {@code OPSPLANE_DB_USER} and {@code OPSPLANE_DB_PASSWORD} when the
     * user is set; otherwise role {@value #DB_ROLE} (may create databases, no superuser) with
     * {@code OPSPLANE_DB_PASSWORD} or else the password {@code ./opsplane infra up} keeps in
     * {@link #dbPasswordFile()}.
     */
    public static synchronized Postgres postgres() {
        if (postgres == null) {
            String host = env("OPSPLANE_DB_HOST", "127.0.0.1");
            int port = Integer.parseInt(env("OPSPLANE_DB_PORT", "5432"));
            if (reachable(host + ":" + port)) {
                postgres = new Postgres(host, port, dbUser(), dbPassword(true));
            } else if (dockerAvailable()) {
                PostgreSQLContainer container = new PostgreSQLContainer("postgres:15");
                container.start();
                postgres = new Postgres(container.getHost(), container.getFirstMappedPort(), container.getUsername(),
                        container.getPassword());
            } else {
                startLocalInfrastructure();
                postgres = new Postgres(host, port, dbUser(), dbPassword(false));
            }
        }
        return postgres;
    }

    static String dbUser() {
        return env("OPSPLANE_DB_USER", DB_ROLE);
    }

    /**
     * {@code OPSPLANE_DB_PASSWORD}; else, for role {@value #DB_ROLE}, the password in {@link #dbPasswordFile()},
     * running {@code ./opsplane infra up} first when the file is missing and {@code mayStartInfrastructure}.
     */
    static String dbPassword(boolean mayStartInfrastructure) {
        String password = System.getenv("OPSPLANE_DB_PASSWORD");
        if (password != null && !password.isEmpty()) {
            return password;
        }
        if (!env("OPSPLANE_DB_USER", "").isEmpty()) {
            return ""; // the user's own login without a password (~/.pgpass or a trusting pg_hba.conf)
        }
        Path file = dbPasswordFile();
        if (!Files.isReadable(file) && mayStartInfrastructure) {
            startLocalInfrastructure();
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the password of PostgreSQL role " + DB_ROLE + " in " + file
                    + " (./opsplane infra up writes it; or set OPSPLANE_DB_USER and OPSPLANE_DB_PASSWORD): " + e, e);
        }
    }

    /** {@code $OPSPLANE_HOME/secrets/db-password}, by default {@code <repository root>/.opsplane/secrets/db-password}. */
    public static Path dbPasswordFile() {
        return stateFolder().resolve("secrets").resolve("db-password");
    }

    /** The launcher's state folder: {@code OPSPLANE_HOME}, by default {@code <repository root>/.opsplane}. */
    public static Path stateFolder() {
        String home = System.getenv("OPSPLANE_HOME");
        if (home == null || home.isBlank()) {
            return repositoryRoot().resolve(".opsplane");
        }
        Path path = Paths.get(home);
        return path.isAbsolute() ? path : repositoryRoot().resolve(path);
    }

    /**
     * Drops and creates {@code name} the first time a JVM asks for it, so each test run starts empty. The
     * login needs no superuser: role {@value #DB_ROLE} may create databases and drop the ones it owns.
     */
    public static synchronized String freshDatabase(String name) {
        if (FRESH_DATABASES.add(name)) {
            Postgres pg = postgres();
            try (Connection connection = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), pg.password());
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                statement.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create test database " + name + " as " + pg.user() + ": "
                        + e.getMessage() + " (./opsplane infra up gives the databases named opsplane_* to role "
                        + DB_ROLE + ")", e);
            }
        }
        return name;
    }

    /**
     * How a test logs in to the broker: as the administrator of the platform whose state folder
     * {@link #stateFolder()} names ({@code secrets/kafka/admin.password}, written by
     * {@code ./opsplane infra up}); without credentials when that file does not exist.
     */
    public static java.util.Map<String, Object> kafkaClientConfig(String bootstrap) {
        java.util.Map<String, Object> config = new java.util.HashMap<>();
        config.put("bootstrap.servers", bootstrap);
        config.putAll(kafkaCredentials(stateFolder(), "admin", "PLAIN"));
        return config;
    }

    /** The SASL settings of a principal of the platform in {@code state}; empty when it has no password file. */
    public static java.util.Map<String, Object> kafkaCredentials(Path state, String principal, String mechanism) {
        Path file = state.resolve("secrets/kafka/" + principal + ".password");
        if (!Files.isReadable(file)) {
            return java.util.Map.of();
        }
        try {
            return io.opsplane.platform.broker.KafkaLogin.sasl(mechanism, principal, Files.readString(file).strip())
                    .clientSettings();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Creates {@code <prefix>.<domain>.events} and {@code .dead-letter} of every domain of the manifest. */
    public static void createTopics(String bootstrap, String prefix) {
        java.util.Properties props = new java.util.Properties();
        props.putAll(kafkaClientConfig(bootstrap));
        io.opsplane.platform.events.Topics topics = new io.opsplane.platform.events.Topics(prefix);
        java.util.List<org.apache.kafka.clients.admin.NewTopic> wanted = new java.util.ArrayList<>();
        for (String domain : io.opsplane.platform.manifest.PlatformManifest.load().domains()) {
            wanted.add(new org.apache.kafka.clients.admin.NewTopic(topics.events(domain), 3, (short) 1));
            wanted.add(new org.apache.kafka.clients.admin.NewTopic(topics.deadLetter(domain), 3, (short) 1));
        }
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            admin.createTopics(wanted).all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("cannot create the test topics " + prefix + ".*: " + e.getCause(), e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test topics " + prefix + ".*: " + e, e);
        }
    }

    /** Deletes the topics whose names start with {@code prefix}; best effort, the test has passed or failed. */
    public static void deleteTopics(String bootstrap, String prefix) {
        if (bootstrap == null || prefix == null) {
            return;
        }
        java.util.Properties props = new java.util.Properties();
        props.putAll(kafkaClientConfig(bootstrap));
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            var names = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                    .filter(name -> name.startsWith(prefix)).toList();
            if (!names.isEmpty()) {
                admin.deleteTopics(names).all().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            System.err.println("could not delete test topics " + prefix + "*: " + e.getMessage());
        }
    }

    /** Drops {@code name} if it exists. */
    public static synchronized void dropDatabase(String name) {
        Postgres pg = postgres();
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), pg.password());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            FRESH_DATABASES.remove(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + name + " as " + pg.user() + ": " + e.getMessage(), e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static void startLocalInfrastructure() {
        Path launcher = repositoryRoot().resolve("opsplane");
        try {
            Process process = new ProcessBuilder(launcher.toString(), "infra", "up").inheritIO().start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("'" + launcher + " infra up' failed; see its output above");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + launcher + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the local infrastructure", e);
        }
    }

    /** The repository root: {@code -Dopsplane.root}, else the nearest folder upwards holding the launcher. */
    public static Path repositoryRoot() {
        String configured = System.getProperty("opsplane.root");
        if (configured != null && Files.isExecutable(Paths.get(configured, "opsplane"))) {
            return Paths.get(configured);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("opsplane"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (the folder of ./opsplane)");
    }

    static boolean reachable(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1))), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
