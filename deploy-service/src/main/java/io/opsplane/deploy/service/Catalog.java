package io.opsplane.deploy.service;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opsplane.deploy.domain.Application;
import io.opsplane.deploy.domain.Environment;
import io.opsplane.deploy.localtarget.InstanceSpec;
import io.opsplane.deploy.validation.InvalidFieldException;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.errors.UniqueViolation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Registering and reading applications and environments. */
@ApplicationScoped
public class Catalog {

    private static final Pattern HEALTH_PATH = Pattern.compile("/[A-Za-z0-9/_.~-]{0,127}");
    private static final int MAX_COMMAND_PARTS = 64;
    private static final int MAX_SCHEMA_CHARS = 64 * 1024;

    @Inject
    DeployPaths paths;

    public Uni<Application> createApplication(io.opsplane.proto.deploy.v1.Application given, String by) {
        Application application;
        try {
            application = checkedApplication(given);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(DomainException.invalid(e.getMessage()));
        }
        application.createdAt = Instant.now();
        application.createdBy = by;
        return Panache.withTransaction(() -> Application.<Application>findById(application.name).flatMap(existing -> {
            if (existing != null) {
                throw DomainException.alreadyExists("an application named '" + application.name + "' exists");
            }
            return application.<Application>persist();
        })).onFailure(UniqueViolation::isCauseOf).transform(failure ->
                DomainException.alreadyExists("an application named '" + application.name + "' exists"));
    }

    Application checkedApplication(io.opsplane.proto.deploy.v1.Application given) {
        Application application = new Application();
        application.name = Names.application("application.name", given.getName());
        paths.artifacts().resolve("application.artifactPath", given.getArtifactPath());
        application.artifactPath = given.getArtifactPath();
        if (given.getStartCommandCount() == 0 || given.getStartCommand(0).isBlank()) {
            throw new InvalidFieldException("application.startCommand", "must name a program");
        }
        if (given.getStartCommandCount() > MAX_COMMAND_PARTS) {
            throw new InvalidFieldException("application.startCommand", "may have at most " + MAX_COMMAND_PARTS + " parts");
        }
        List<String> command = new ArrayList<>();
        for (int i = 0; i < given.getStartCommandCount(); i++) {
            String part = given.getStartCommand(i);
            if (part.length() > 4096 || part.chars().anyMatch(c -> c == 0)) {
                throw new InvalidFieldException("application.startCommand[" + i + "]",
                        "must be at most 4096 characters without NUL");
            }
            command.add(part);
        }
        application.startCommand = new JsonArray(command).encode();
        InvalidFieldException.requireRange("application.port", given.getPort(), 0, 65535);
        application.port = given.getPort();
        String health = given.getHealthCheckPath().isEmpty() ? "/healthz" : given.getHealthCheckPath();
        if (!HEALTH_PATH.matcher(health).matches()) {
            throw new InvalidFieldException("application.healthCheckPath",
                    "must match " + HEALTH_PATH.pattern() + ", was '" + Names.printable(health) + "'");
        }
        application.healthCheckPath = health;
        // Checked now, so a deployment that relies on the default cannot fail on it later.
        Specs.strategy("application.defaultStrategy", given.getDefaultStrategy());
        application.defaultStrategy = json(given.getDefaultStrategy());
        String schema = given.getConfigurationSchema();
        if (!schema.isBlank()) {
            if (schema.length() > MAX_SCHEMA_CHARS) {
                throw new InvalidFieldException("application.configurationSchema", "must be at most " + MAX_SCHEMA_CHARS + " characters");
            }
            try {
                new JsonObject(schema);
            } catch (RuntimeException e) {
                throw new InvalidFieldException("application.configurationSchema", "must be a JSON object (a JSON Schema)");
            }
        }
        application.configurationSchema = schema;
        // The start command must make a valid instance; the name here only stands in for a real one.
        InstanceSpec.of("check", command, paths.artifacts().root());
        return application;
    }

    public Uni<Application> application(String name) {
        Names.application("name", name);
        return Panache.withSession(() -> Application.<Application>findById(name)).map(found -> {
            if (found == null) {
                throw DomainException.notFound("no application named '" + name + "'");
            }
            return found;
        });
    }

    public Uni<Environment> createEnvironment(io.opsplane.proto.deploy.v1.Environment given, String by) {
        Environment environment = new Environment();
        try {
            environment.name = Names.environment("environment.name", given.getName());
            String target = given.getTarget().isEmpty() ? "local" : given.getTarget();
            if (!target.equals("local")) {
                throw new InvalidFieldException("environment.target", "must be 'local' (the only target that runs here), was '"
                        + Names.printable(target) + "'");
            }
            environment.target = target;
            environment.protectedEnvironment = given.getProtected();
            String router = given.getRouter().getKind().isEmpty() ? "haproxy" : given.getRouter().getKind();
            if (!router.equals("haproxy")) {
                throw new InvalidFieldException("environment.router.kind", "must be 'haproxy', was '" + Names.printable(router) + "'");
            }
            environment.routerKind = router;
            InvalidFieldException.requireRange("environment.router.portRangeStart", given.getRouter().getPortRangeStart(), 1024, 65535);
            InvalidFieldException.requireRange("environment.router.portRangeEnd", given.getRouter().getPortRangeEnd(),
                    given.getRouter().getPortRangeStart(), 65535);
            environment.portRangeStart = given.getRouter().getPortRangeStart();
            environment.portRangeEnd = given.getRouter().getPortRangeEnd();
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(DomainException.invalid(e.getMessage()));
        }
        environment.createdAt = Instant.now();
        environment.createdBy = by;
        return Panache.withTransaction(() -> Environment.<Environment>findById(environment.name).flatMap(existing -> {
            if (existing != null) {
                throw DomainException.alreadyExists("an environment named '" + environment.name + "' exists");
            }
            return environment.<Environment>persist();
        })).onFailure(UniqueViolation::isCauseOf).transform(failure ->
                DomainException.alreadyExists("an environment named '" + environment.name + "' exists"));
    }

    public Uni<Environment> environment(String name) {
        Names.environment("name", name);
        return Panache.withSession(() -> Environment.<Environment>findById(name)).map(found -> {
            if (found == null) {
                throw DomainException.notFound("no environment named '" + name + "'");
            }
            return found;
        });
    }

    static String json(com.google.protobuf.MessageOrBuilder message) {
        try {
            return JsonFormat.printer().omittingInsignificantWhitespace().print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    static <B extends com.google.protobuf.Message.Builder> B parse(String json, B builder) {
        try {
            JsonFormat.parser().merge(json, builder);
            return builder;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored JSON no longer parses", e);
        }
    }
}
