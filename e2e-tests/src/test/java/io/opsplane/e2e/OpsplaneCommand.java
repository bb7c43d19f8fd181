package io.opsplane.e2e;

import io.opsplane.testing.TestInfrastructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code ./opsplane} for one platform (state folder, port offset, database prefix), as a user would. */
record OpsplaneCommand(Path home, int offset, String dbPrefix) {

    /** What a run printed, and its exit status (-1 when it did not finish in time). */
    record Result(int status, String output) {
    }

    /**
     * Runs the launcher with the jars the Maven reactor built; a null value in {@code overrides}
     * removes a variable.
     */
    Result run(Map<String, String> overrides, Duration timeout, String... args) {
        Path root = TestInfrastructure.repositoryRoot();
        Path output = null;
        try {
            output = Files.createTempFile("opsplane", ".out");
            ProcessBuilder builder = new ProcessBuilder();
            builder.command().add(root.resolve("opsplane").toString());
            builder.command().addAll(List.of(args));
            Map<String, String> env = builder.environment();
            env.put("OPSPLANE_HOME", home.toString());
            env.put("OPSPLANE_PORT_OFFSET", Integer.toString(offset));
            env.put("OPSPLANE_DB_PREFIX", dbPrefix);
            env.put("OPSPLANE_SKIP_BUILD", "1");
            env.remove("OPSPLANE_ADMIN_TOKEN");
            env.remove("OPSPLANE_REGISTRY");
            env.remove("OPSPLANE_READY_TIMEOUT");
            overrides.forEach((name, value) -> {
                if (value == null) {
                    env.remove(name);
                } else {
                    env.put(name, value);
                }
            });
            Process process = builder.directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            System.out.println("./opsplane " + String.join(" ", args) + "\n" + text);
            return new Result(finished ? process.exitValue() : -1, text);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ./opsplane: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running ./opsplane", e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
