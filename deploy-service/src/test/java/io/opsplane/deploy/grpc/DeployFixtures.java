package io.opsplane.deploy.grpc;

import io.opsplane.proto.deploy.v1.Application;
import io.opsplane.proto.deploy.v1.BlueGreenStrategy;
import io.opsplane.proto.deploy.v1.CanaryStep;
import io.opsplane.proto.deploy.v1.CanaryStrategy;
import io.opsplane.proto.deploy.v1.CreateApplicationRequest;
import io.opsplane.proto.deploy.v1.CreateEnvironmentRequest;
import io.opsplane.proto.deploy.v1.DeployServiceGrpc;
import io.opsplane.proto.deploy.v1.Environment;
import io.opsplane.proto.deploy.v1.PauseStep;
import io.opsplane.proto.deploy.v1.Strategy;
import io.opsplane.proto.deploy.v1.TrafficRouter;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The demo application and an environment on ports of this run, as a user registers them. */
final class DeployFixtures {

    private DeployFixtures() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** The demo application below the test artifact root ({@code examples/}), started with this JDK. */
    static Application demoApp(String name) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return Application.newBuilder().setName(name).setArtifactPath("demo-app")
                .addAllStartCommand(List.of(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "DemoApp.java"))
                .setHealthCheckPath("/healthz").build();
    }

    static Environment environment(String name) {
        int start = ThreadLocalRandom.current().nextInt(30000, 59000);
        return Environment.newBuilder().setName(name).setTarget("local")
                .setRouter(TrafficRouter.newBuilder().setKind("haproxy").setPortRangeStart(start).setPortRangeEnd(start + 50))
                .build();
    }

    static void register(DeployServiceGrpc.DeployServiceBlockingStub deploy, String application, String environment) {
        deploy.createApplication(CreateApplicationRequest.newBuilder().setApplication(demoApp(application)).build());
        deploy.createEnvironment(CreateEnvironmentRequest.newBuilder().setEnvironment(environment(environment)).build());
    }

    static Strategy blueGreen() {
        return Strategy.newBuilder().setBlueGreen(BlueGreenStrategy.newBuilder().setAutoPromote(true)
                .setScaleDownDelay("0s").setHealthTimeout("90s")).build();
    }

    static Strategy canary(CanaryStep... steps) {
        return Strategy.newBuilder().setCanary(CanaryStrategy.newBuilder().addAllSteps(List.of(steps))).build();
    }

    static CanaryStep weight(int percent) {
        return CanaryStep.newBuilder().setSetWeight(percent).build();
    }

    static CanaryStep pause() {
        return CanaryStep.newBuilder().setPause(PauseStep.getDefaultInstance()).build();
    }
}
