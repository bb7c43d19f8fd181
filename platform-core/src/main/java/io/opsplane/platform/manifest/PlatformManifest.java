package io.opsplane.platform.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The platform manifest: every component of Opsplane with its ports, database and topics, read from
 * {@code platform.manifest} at the repository root. The build copies that file into this module's jar
 * as {@value #RESOURCE}; the launcher {@code ./opsplane} and {@code bench/run.sh} read the same file.
 *
 * <p>One component per line, six columns separated by white space, {@code #} starts a comment and
 * {@code -} means none: {@code name http grpc database domain consumes}. Line order is the listing
 * and start order.
 */
public final class PlatformManifest {

    /** The classpath resource the build copies the root file to. */
    public static final String RESOURCE = "io/opsplane/platform/platform.manifest";

    static final List<String> COLUMNS = List.of("name", "http", "grpc", "database", "domain", "consumes");

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern DATABASE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9]*");
    private static final String NONE = "-";

    /**
     * One component of the platform.
     *
     * @param name      the component, also its Maven module and folder
     * @param httpPort  its HTTP port without any port offset
     * @param grpcPort  its gRPC port without any port offset, if it serves gRPC
     * @param database  the database suffix ({@code <prefix>_<database>}), if it keeps state
     * @param domain    the domain whose events and dead-letter topics it owns, if any
     * @param consumes  the domains whose events topics it reads, in manifest order
     */
    public record Component(String name, int httpPort, OptionalInt grpcPort, Optional<String> database,
            Optional<String> domain, List<String> consumes) {

        public Component {
            consumes = List.copyOf(consumes);
        }

        /** The database name for a prefix ({@code opsplane} by default), if the component has one. */
        public Optional<String> databaseName(String prefix) {
            return database.map(suffix -> prefix + "_" + suffix);
        }

        /** {@code opsplane.<domain>.events}, if the component owns a domain. */
        public Optional<String> eventsTopic() {
            return domain.map(PlatformManifest::eventsTopic);
        }

        /** {@code opsplane.<domain>.dead-letter}, if the component owns a domain. */
        public Optional<String> deadLetterTopic() {
            return domain.map(PlatformManifest::deadLetterTopic);
        }
    }

    private final List<Component> components;

    private PlatformManifest(List<Component> components) {
        this.components = List.copyOf(components);
    }

    /** The manifest packaged in the platform jar. */
    public static PlatformManifest load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = PlatformManifest.class.getClassLoader();
        }
        try (InputStream in = open(loader)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + RESOURCE
                        + " is missing (platform/pom.xml copies it from platform.manifest at the repository root)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + RESOURCE, e);
        }
    }

    private static InputStream open(ClassLoader loader) {
        InputStream in = loader.getResourceAsStream(RESOURCE);
        return in != null ? in : PlatformManifest.class.getClassLoader().getResourceAsStream(RESOURCE);
    }

    /**
     * Parses the text of a manifest.
     *
     * @throws IllegalArgumentException naming the line, for any malformed or inconsistent line
     */
    public static PlatformManifest parse(String text) {
        List<Component> components = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        Map<Integer, String> ports = new HashMap<>();
        Map<String, Integer> databases = new HashMap<>();
        Map<String, Integer> domains = new HashMap<>();
        Map<String, Integer> consumedOn = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] columns = line.split("\\s+");
            if (columns.length != COLUMNS.size()) {
                throw error(lineNo, "expected " + COLUMNS.size() + " columns (" + String.join(" ", COLUMNS)
                        + "), found " + columns.length);
            }
            String name = columns[0];
            if (!NAME.matcher(name).matches()) {
                throw error(lineNo, "name '" + name + "' must be lower-case letters, digits and -, starting with a letter");
            }
            Integer first = names.putIfAbsent(name, lineNo);
            if (first != null) {
                throw error(lineNo, "duplicate component '" + name + "' (first on line " + first + ")");
            }
            int http = port(lineNo, "http", columns[1]);
            claimPort(lineNo, ports, http, name + " http");
            OptionalInt grpc = OptionalInt.empty();
            if (!NONE.equals(columns[2])) {
                grpc = OptionalInt.of(port(lineNo, "grpc", columns[2]));
                claimPort(lineNo, ports, grpc.getAsInt(), name + " grpc");
            }
            Optional<String> database = optional(lineNo, "database", columns[3], DATABASE, databases);
            Optional<String> domain = optional(lineNo, "domain", columns[4], DOMAIN, domains);
            List<String> consumes = new ArrayList<>();
            if (!NONE.equals(columns[5])) {
                for (String consumed : columns[5].split(",", -1)) {
                    if (!DOMAIN.matcher(consumed).matches()) {
                        throw error(lineNo, "consumes '" + columns[5]
                                + "' must be a comma-separated list of domains (lower-case letters and digits)");
                    }
                    if (consumes.contains(consumed)) {
                        throw error(lineNo, "consumes domain '" + consumed + "' twice");
                    }
                    consumes.add(consumed);
                    consumedOn.putIfAbsent(consumed, lineNo);
                }
            }
            components.add(new Component(name, http, grpc, database, domain, consumes));
        }
        if (components.isEmpty()) {
            throw new IllegalArgumentException("platform.manifest names no component");
        }
        for (Map.Entry<String, Integer> consumed : consumedOn.entrySet()) {
            if (!domains.containsKey(consumed.getKey())) {
                throw error(consumed.getValue(), "consumes unknown domain '" + consumed.getKey()
                        + "' (no component owns it; domains: " + String.join(", ", domainsInOrder(components)) + ")");
            }
        }
        return new PlatformManifest(components);
    }

    private static List<String> domainsInOrder(List<Component> components) {
        return components.stream().flatMap(c -> c.domain().stream()).toList();
    }

    private static int port(int lineNo, String column, String value) {
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535 || !value.chars().allMatch(Character::isDigit)) {
            throw error(lineNo, column + " port '" + value + "' is not a number from 1 to 65535"
                    + ("grpc".equals(column) ? " or -" : ""));
        }
        return port;
    }

    private static void claimPort(int lineNo, Map<Integer, String> ports, int port, String what) {
        String holder = ports.putIfAbsent(port, what);
        if (holder != null) {
            throw error(lineNo, "port " + port + " of " + what + " is already the " + holder + " port");
        }
    }

    private static Optional<String> optional(int lineNo, String column, String value, Pattern pattern,
            Map<String, Integer> seen) {
        if (NONE.equals(value)) {
            return Optional.empty();
        }
        if (!pattern.matcher(value).matches()) {
            throw error(lineNo, column + " '" + value + "' must be lower-case letters and digits"
                    + ("database".equals(column) ? " (and _)" : "") + ", starting with a letter, or -");
        }
        Integer first = seen.putIfAbsent(value, lineNo);
        if (first != null) {
            throw error(lineNo, "duplicate " + column + " '" + value + "' (first on line " + first + ")");
        }
        return Optional.of(value);
    }

    private static IllegalArgumentException error(int lineNo, String message) {
        return new IllegalArgumentException("platform.manifest line " + lineNo + ": " + message);
    }

    /** {@code opsplane.<domain>.events}. */
    public static String eventsTopic(String domain) {
        return io.opsplane.platform.events.Topics.DEFAULT.events(domain);
    }

    /** {@code opsplane.<domain>.dead-letter}. */
    public static String deadLetterTopic(String domain) {
        return io.opsplane.platform.events.Topics.DEFAULT.deadLetter(domain);
    }

    /** Every component, in manifest order. */
    public List<Component> components() {
        return components;
    }

    /** The component of that name. */
    public Optional<Component> component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The database suffixes, in manifest order. */
    public List<String> databases() {
        return components.stream().flatMap(c -> c.database().stream()).toList();
    }

    /** The database names for a prefix ({@code <prefix>_<database>}), in manifest order. */
    public List<String> databaseNames(String prefix) {
        return components.stream().flatMap(c -> c.databaseName(prefix).stream()).toList();
    }

    /** The domains owned by a component, in manifest order. */
    public List<String> domains() {
        return domainsInOrder(components);
    }

    @Override
    public String toString() {
        return "PlatformManifest" + components.stream().map(Component::name).toList();
    }
}
