package io.opsplane.gateway.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * The gateway with {@link FakeServices} behind it as security-service and pipeline-service (the other
 * clients still point at nothing), with its own token, and a keep-alive and call deadline short enough to see
 * in a test.
 * The port is chosen once per test JVM, kept in a system property: the profile and the test that starts
 * the fake services on it need not share a class loader.
 */
public class WithFakeServices implements QuarkusTestProfile {

    private static final String PORT_PROPERTY = "opsplane.test.fake-services.port";

    public static int port() {
        synchronized (System.getProperties()) {
            String port = System.getProperty(PORT_PROPERTY);
            if (port == null) {
                port = String.valueOf(freePort());
                System.setProperty(PORT_PROPERTY, port);
            }
            return Integer.parseInt(port);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        String port = String.valueOf(port());
        Map<String, String> overrides = new HashMap<>();
        for (String client : new String[] {"tokens", "pipelines", "alertmanager", "metrics"}) {
            overrides.put("quarkus.grpc.clients." + client + ".port", port);
            overrides.put("quarkus.grpc.clients." + client + ".test-port", port);
        }
        overrides.put("opsplane.service.token", FakeServices.GATEWAY_TOKEN);
        overrides.put("opsplane.gateway.log-keep-alive", "PT0.5S");
        // Short, so that a test sees a followed log outlive it.
        overrides.put("opsplane.gateway.call-timeout", "PT2S");
        return overrides;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
