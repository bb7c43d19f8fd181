package io.opsplane.deploy.localtarget;

import io.opsplane.deploy.validation.InvalidFieldException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How to run one instance as a local process. The program gets only {@code environment}, a
 * default PATH and {@code PORT}: nothing of deploy-service's own environment (such as its
 * database login) reaches it.
 *
 * @param name unique among running instances; also the name of its log file
 * @param healthPath polled with GET on 127.0.0.1:PORT until it answers 2xx
 * @param maxLogBytes the size at which its log is rotated
 */
public record InstanceSpec(String name, List<String> command, Map<String, String> environment, Path workingDirectory,
        String healthPath, Duration readyTimeout, Duration stopGrace, long maxLogBytes) {

    public static final String PORT_VARIABLE = "PORT";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9/_.~%!$&'()*+,;=:@-]{0,255}");

    public InstanceSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidFieldException("name", "must match " + NAME.pattern() + ", was '" + name + "'");
        }
        if (command == null || command.isEmpty() || command.get(0).isBlank()) {
            throw new InvalidFieldException("command", "must name a program");
        }
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i).indexOf('\0') >= 0) {
                throw new InvalidFieldException("command[" + i + "]", "must not hold a NUL character");
            }
        }
        command = List.copyOf(command);
        environment = environment == null ? Map.of() : environment;
        environment.forEach((variable, value) -> {
            if (variable == null || !VARIABLE.matcher(variable).matches()) {
                throw new InvalidFieldException("environment", "'" + variable + "' is not a variable name");
            }
            if (variable.equals(PORT_VARIABLE)) {
                throw new InvalidFieldException("environment." + variable, "is set by Opsplane to the port it allocates");
            }
            if (value == null || value.indexOf('\0') >= 0) {
                throw new InvalidFieldException("environment." + variable, "must be text without a NUL character");
            }
        });
        environment = Map.copyOf(environment);
        if (workingDirectory == null || !Files.isDirectory(workingDirectory)) {
            throw new InvalidFieldException("workingDirectory", "must be an existing folder, was " + workingDirectory);
        }
        if (healthPath == null || !PATH.matcher(healthPath).matches()) {
            throw new InvalidFieldException("healthPath", "must be a URL path starting with '/', was '" + healthPath + "'");
        }
        requirePositive("readyTimeout", readyTimeout);
        requirePositive("stopGrace", stopGrace);
        InvalidFieldException.requireRange("maxLogBytes", maxLogBytes, 1024, 1L << 40);
    }

    /** Health on {@code /healthz}, 30 s to become ready, 10 s to stop, logs rotated at 10 MiB. */
    public static InstanceSpec of(String name, List<String> command, Path workingDirectory) {
        return new InstanceSpec(name, command, Map.of(), workingDirectory, "/healthz", Duration.ofSeconds(30),
                Duration.ofSeconds(10), 10L * 1024 * 1024);
    }

    public InstanceSpec withEnvironment(Map<String, String> variables) {
        return new InstanceSpec(name, command, variables, workingDirectory, healthPath, readyTimeout, stopGrace, maxLogBytes);
    }

    public InstanceSpec withHealthPath(String path) {
        return new InstanceSpec(name, command, environment, workingDirectory, path, readyTimeout, stopGrace, maxLogBytes);
    }

    public InstanceSpec withReadyTimeout(Duration timeout) {
        return new InstanceSpec(name, command, environment, workingDirectory, healthPath, timeout, stopGrace, maxLogBytes);
    }

    public InstanceSpec withStopGrace(Duration grace) {
        return new InstanceSpec(name, command, environment, workingDirectory, healthPath, readyTimeout, grace, maxLogBytes);
    }

    public InstanceSpec withMaxLogBytes(long bytes) {
        return new InstanceSpec(name, command, environment, workingDirectory, healthPath, readyTimeout, stopGrace, bytes);
    }

    private static void requirePositive(String field, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new InvalidFieldException(field, "must be a positive duration, was " + duration);
        }
    }
}
