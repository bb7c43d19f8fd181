package io.opsplane.gateway.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * HTTPS for the gateway under test: a key store with a self-signed certificate for localhost, made
 * by the JDK's keytool for each run (no key is kept in the repository), on a free port.
 */
public class SelfSignedTls implements QuarkusTestResourceLifecycleManager {

    private static final String PASSWORD = "gateway-test";

    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("gateway-tls");
            Path keyStore = directory.resolve("gateway.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "gateway",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "2",
                    "-ext", "san=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            return Map.of(
                    "quarkus.http.ssl.certificate.key-store-file", keyStore.toString(),
                    "quarkus.http.ssl.certificate.key-store-password", PASSWORD,
                    "quarkus.http.test-ssl-port", "0");
        } catch (IOException e) {
            throw new IllegalStateException("no key store for the test", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the key store", e);
        }
    }

    @Override
    public void stop() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
