package io.opsplane.platform.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.opsplane.platform.manifest.PlatformManifest.Component;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The files that repeat what {@code platform.manifest} says must agree with it: the services, ports
 * and databases of {@code docker-compose.yml}, the databases of {@code runtime/postgres/init-databases.sql}
 * and the topics of {@code docs/asyncapi.yaml}.
 */
class PlatformManifestConsistencyTest {

    /** The database prefix of docker-compose.yml and init-databases.sql (the launcher's default). */
    private static final String PREFIX = "opsplane";
    private static final Pattern DOMAIN_TOPIC = Pattern.compile("opsplane\\.([a-z0-9]+)\\.(events|dead-letter)");
    private static final Pattern CLIENT_HOST = Pattern.compile("QUARKUS_GRPC_CLIENTS_([A-Z0-9_]+)_HOST");

    private static Path root;
    private static PlatformManifest manifest;

    @BeforeAll
    static void readManifest() throws IOException {
        root = repositoryRoot();
        manifest = PlatformManifest.parse(Files.readString(root.resolve("platform.manifest")));
    }

    /** The nearest folder upwards from the working directory that holds {@code platform.manifest}. */
    static Path repositoryRoot() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("platform.manifest"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no platform.manifest in " + Paths.get("").toAbsolutePath() + " or above");
    }

    @Test
    void thePackagedManifestIsTheRootFile() {
        assertEquals(manifest.components(), PlatformManifest.load().components(),
                "the platform jar's copy of platform.manifest is stale: rebuild the platform module");
    }

    @Test
    void dockerComposeRunsEveryComponentOnItsPortsAndDatabase() throws IOException {
        Map<?, ?> compose = yaml("docker-compose.yml");
        Map<?, ?> services = map(compose.get("services"), "docker-compose.yml: services");
        // The platform's components are the services built from a module of this repository.
        Map<String, Map<?, ?>> built = new TreeMap<>();
        services.forEach((name, value) -> {
            Map<?, ?> service = map(value, "docker-compose.yml: services." + name);
            if (service.containsKey("build")) {
                built.put(String.valueOf(name), service);
            }
        });
        assertEquals(new TreeSet<>(manifest.components().stream().map(Component::name).toList()), built.keySet(),
                "docker-compose.yml: the services built from this repository must be the components of platform.manifest");

        List<String> problems = new ArrayList<>();
        for (Component component : manifest.components()) {
            String where = "docker-compose.yml: services." + component.name();
            Map<?, ?> service = built.get(component.name());
            Map<?, ?> build = map(service.get("build"), where + ".build");
            Object module = build.get("args") instanceof Map<?, ?> args ? args.get("MODULE") : null;
            expect(problems, where + ".build.args.MODULE", component.name(), module);
            Map<?, ?> env = map(service.get("environment"), where + ".environment");
            expect(problems, where + ".environment.QUARKUS_HTTP_PORT", Integer.toString(component.httpPort()),
                    env.get("QUARKUS_HTTP_PORT"));
            expect(problems, where + ".environment.QUARKUS_GRPC_SERVER_PORT",
                    component.grpcPort().isPresent() ? Integer.toString(component.grpcPort().getAsInt()) : null,
                    env.get("QUARKUS_GRPC_SERVER_PORT"));
            expect(problems, where + ".environment.OPSPLANE_DB_NAME", component.databaseName(PREFIX).orElse(null),
                    env.get("OPSPLANE_DB_NAME"));

            Set<String> ports = new TreeSet<>();
            ports.add(component.httpPort() + ":" + component.httpPort());
            component.grpcPort().ifPresent(port -> ports.add(port + ":" + port));
            Set<String> published = new TreeSet<>();
            if (service.get("ports") instanceof List<?> list) {
                list.forEach(port -> published.add(String.valueOf(port)));
            }
            if (!ports.equals(published)) {
                problems.add(where + ".ports: expected " + ports + ", found " + published);
            }

            // gRPC clients (the gateway's) must point at a component's gRPC port.
            for (Map.Entry<?, ?> entry : env.entrySet()) {
                Matcher client = CLIENT_HOST.matcher(String.valueOf(entry.getKey()));
                if (!client.matches()) {
                    continue;
                }
                String host = String.valueOf(entry.getValue());
                String portKey = "QUARKUS_GRPC_CLIENTS_" + client.group(1) + "_PORT";
                Component target = manifest.component(host).orElse(null);
                if (target == null || target.grpcPort().isEmpty()) {
                    problems.add(where + ".environment." + entry.getKey() + ": '" + host
                            + "' is no component with a gRPC port in platform.manifest");
                } else {
                    expect(problems, where + ".environment." + portKey, Integer.toString(target.grpcPort().getAsInt()),
                            env.get(portKey));
                }
            }
        }
        assertEquals(List.of(), problems, "docker-compose.yml disagrees with platform.manifest");
    }

    /**
     * The metrics store of docker-compose.yml is the official Prometheus image with the flags the launcher
     * gives its own (remote write, lifecycle, external URL), and observability-service finds it and gives
     * it its scrape targets.
     */
    @Test
    void dockerComposeRunsTheMetricsStoreAsTheLauncherDoes() throws IOException {
        Map<?, ?> services = map(yaml("docker-compose.yml").get("services"), "docker-compose.yml: services");
        Map<?, ?> prometheus = map(services.get("prometheus"), "docker-compose.yml: services.prometheus");
        assertTrue(String.valueOf(prometheus.get("image")).startsWith("prom/prometheus:"), "the official image");
        List<String> command = new ArrayList<>();
        if (prometheus.get("command") instanceof List<?> list) {
            list.forEach(flag -> command.add(String.valueOf(flag)));
        }
        for (String flag : List.of("--web.enable-remote-write-receiver", "--web.enable-lifecycle",
                "--web.listen-address=0.0.0.0:9490", "--config.file=/etc/prometheus/prometheus.yml")) {
            assertTrue(command.contains(flag), "docker-compose.yml: services.prometheus.command lacks " + flag);
        }
        assertTrue(command.stream().anyMatch(flag -> flag.startsWith("--web.external-url=")),
                "docker-compose.yml: services.prometheus.command lacks --web.external-url");
        String launcher = Files.readString(root.resolve("opsplane"));
        for (String flag : List.of("--web.enable-remote-write-receiver", "--web.enable-lifecycle", "--web.external-url=",
                "--web.listen-address=127.0.0.1:")) {
            assertTrue(launcher.contains(flag), "the launcher starts Prometheus without " + flag);
        }
        Map<?, ?> env = map(map(services.get("observability-service"), "observability-service").get("environment"),
                "docker-compose.yml: services.observability-service.environment");
        assertEquals("http://prometheus:9490", env.get("OPSPLANE_METRICS_URL"));
        String scrape = Files.readString(root.resolve("runtime/prometheus/prometheus-compose.yml"));
        assertTrue(scrape.contains("url: http://observability-service:" + manifest.component("observability-service")
                .orElseThrow().httpPort() + "/discovery/v1/targets"), "runtime/prometheus/prometheus-compose.yml: "
                + "the discovery URL of observability-service");
    }

    @Test
    void theComposeInitScriptCreatesEveryDatabase() throws IOException {
        String sql = Files.readString(root.resolve("runtime/postgres/init-databases.sql"));
        Set<String> named = new TreeSet<>();
        Matcher literal = Pattern.compile("'(" + PREFIX + "_[a-z0-9_]+)'").matcher(sql);
        while (literal.find()) {
            named.add(literal.group(1));
        }
        assertEquals(new TreeSet<>(manifest.databaseNames(PREFIX)), named,
                "runtime/postgres/init-databases.sql: the database names must be those of platform.manifest");
    }

    @Test
    void theEventCatalogueHasTheTopicsOfEveryDomain() throws IOException {
        Map<?, ?> asyncapi = yaml("docs/asyncapi.yaml");
        Map<?, ?> channels = map(asyncapi.get("channels"), "docs/asyncapi.yaml: channels");
        Set<String> addresses = new TreeSet<>();
        channels.forEach((name, value) -> {
            Object address = map(value, "docs/asyncapi.yaml: channels." + name).get("address");
            if (address != null && DOMAIN_TOPIC.matcher(address.toString()).matches()) {
                addresses.add(address.toString());
            }
        });
        Set<String> expected = new TreeSet<>();
        for (String domain : manifest.domains()) {
            expected.add(PlatformManifest.eventsTopic(domain));
            expected.add(PlatformManifest.deadLetterTopic(domain));
        }
        assertEquals(expected, addresses,
                "docs/asyncapi.yaml: the channel addresses opsplane.<domain>.events and opsplane.<domain>.dead-letter"
                        + " must be those of the domains in platform.manifest");
    }

    @Test
    void everyConsumedDomainIsOwned() {
        for (Component component : manifest.components()) {
            for (String consumed : component.consumes()) {
                assertTrue(manifest.domains().contains(consumed), component.name() + " consumes " + consumed);
            }
        }
    }

    /** Every message of the event payload files, nested ones included, has a schema of its name. */
    @Test
    void everyEventPayloadMessageHasASchemaInTheCatalogue() throws IOException {
        Map<?, ?> asyncapi = yaml("docs/asyncapi.yaml");
        Map<?, ?> schemas = map(map(asyncapi.get("components"), "docs/asyncapi.yaml: components").get("schemas"),
                "docs/asyncapi.yaml: components.schemas");
        Set<String> missing = new TreeSet<>();
        for (com.google.protobuf.Descriptors.FileDescriptor file : List.of(
                io.opsplane.proto.events.v1.PipelineEventsProto.getDescriptor(),
                io.opsplane.proto.events.v1.InfraEventsProto.getDescriptor(),
                io.opsplane.proto.events.v1.DeployEventsProto.getDescriptor(),
                io.opsplane.proto.events.v1.ObservabilityEventsProto.getDescriptor(),
                io.opsplane.proto.events.v1.HealingEventsProto.getDescriptor(),
                io.opsplane.proto.events.v1.SecurityEventsProto.getDescriptor(),
                io.opsplane.proto.events.v1.AuditEventsProto.getDescriptor())) {
            for (com.google.protobuf.Descriptors.Descriptor message : file.getMessageTypes()) {
                if (!schemas.containsKey(message.getName())) {
                    missing.add(message.getFullName());
                }
            }
        }
        assertEquals(Set.of(), missing, "docs/asyncapi.yaml: components.schemas lacks these event payload messages");
    }

    private static Map<?, ?> yaml(String file) throws IOException {
        Path path = root.resolve(file);
        assertTrue(Files.isRegularFile(path), path + " is missing");
        Object document = new Load(LoadSettings.builder().setLabel(file).build()).loadFromString(Files.readString(path));
        assertNotNull(document, file + " is empty");
        return map(document, file);
    }

    private static Map<?, ?> map(Object value, String where) {
        if (!(value instanceof Map<?, ?>)) {
            fail(where + ": expected a mapping, found " + (value == null ? "nothing" : value.getClass().getSimpleName()));
        }
        return assertInstanceOf(Map.class, value);
    }

    private static void expect(List<String> problems, String where, String expected, Object actual) {
        String found = actual == null ? null : actual.toString();
        if (expected == null ? found != null : !expected.equals(found)) {
            problems.add(where + ": expected " + (expected == null ? "none" : "'" + expected + "'") + ", found "
                    + (found == null ? "none" : "'" + found + "'"));
        }
    }

    @Test
    void theEventCatalogueHasOneDomainPerOwner() {
        assertEquals(new TreeSet<>(io.opsplane.platform.events.EventCatalog.DOMAINS), new TreeSet<>(manifest.domains()),
                "the domains of proto/opsplane/events/v1 and the manifest's owners");
        for (String domain : manifest.domains()) {
            String owner = manifest.components().stream().filter(c -> c.domain().equals(java.util.Optional.of(domain)))
                    .findFirst().orElseThrow().name();
            assertEquals("opsplane/" + owner, io.opsplane.platform.events.Topics.ownerSource(domain));
        }
    }

    @Test
    void eachServiceConsumesWhatTheManifestSays() throws IOException {
        for (Component component : manifest.components()) {
            Path properties = root.resolve(component.name() + "/src/main/resources/application.properties");
            Set<String> consumed = new TreeSet<>();
            Matcher topics = Pattern.compile("\\$\\{opsplane\\.topics\\.prefix:opsplane}\\.([a-z]+)\\.events")
                    .matcher(Files.readString(properties));
            while (topics.find()) {
                consumed.add(topics.group(1));
            }
            if (component.name().equals("gateway")) {
                // The gateway follows security events with a plain consumer (RevocationFeed), not a channel.
                consumed.add("security");
            }
            assertEquals(new TreeSet<>(component.consumes()), consumed, component.name() + " consumes");
        }
    }
}
