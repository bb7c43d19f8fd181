package io.opsplane.deploy.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.proto.deploy.v1.AnalysisMetric;
import io.opsplane.proto.deploy.v1.AnalysisTemplate;
import io.opsplane.proto.deploy.v1.CanaryStep;
import io.opsplane.proto.deploy.v1.CreateApplicationRequest;
import io.opsplane.proto.deploy.v1.CreateEnvironmentRequest;
import io.opsplane.proto.deploy.v1.DeployRequest;
import io.opsplane.proto.deploy.v1.DeployServiceGrpc;
import io.opsplane.proto.deploy.v1.GetApplicationRequest;
import io.opsplane.proto.deploy.v1.ListDeploymentsRequest;
import io.opsplane.proto.deploy.v1.ScaleRequest;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input to DeployService: a clear INVALID_ARGUMENT (or NOT_FOUND) naming the field, and nothing stored. */
@QuarkusTest
@TestProfile(DeployInputTest.WithoutController.class)
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "deploy"))
class DeployInputTest {

    /** These cases never get as far as running anything. */
    public static class WithoutController implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("opsplane.deploy.controller-enabled", "false");
        }
    }

    @GrpcClient("self")
    DeployServiceGrpc.DeployServiceBlockingStub unauthenticated;

    DeployServiceGrpc.DeployServiceBlockingStub deploy;

    @BeforeEach
    void asAnOperator() {
        deploy = TestPrincipals.as(TestPrincipals.user("test-operator", "operator", "global"), unauthenticated);
    }

    private static StatusRuntimeException fails(Status.Code code, String mentioning, org.junit.jupiter.api.function.Executable call) {
        StatusRuntimeException failure = assertThrows(StatusRuntimeException.class, call);
        assertEquals(code, failure.getStatus().getCode(), failure.getStatus().toString());
        assertTrue(failure.getStatus().getDescription().contains(mentioning),
                "'" + failure.getStatus().getDescription() + "' should mention '" + mentioning + "'");
        return failure;
    }

    private DeployRequest.Builder request(String application, String environment) {
        return DeployRequest.newBuilder().setApplication(application).setEnvironment(environment).setVersion("v1");
    }

    @Test
    void aWeightOf150IsRefusedNamingTheStep() {
        String app = DeployFixtures.unique("app");
        String env = DeployFixtures.unique("env");
        DeployFixtures.register(deploy, app, env);
        fails(Status.Code.INVALID_ARGUMENT, "strategy.canary.steps[1].setWeight", () -> deploy.deploy(request(app, env)
                .setStrategy(DeployFixtures.canary(DeployFixtures.weight(10), DeployFixtures.weight(150))).build()));
        assertEquals(0, deploy.listDeployments(ListDeploymentsRequest.newBuilder().setApplication(app)
                .setEnvironment(env).build()).getDeploymentsCount(), "nothing is stored for a refused deployment");
    }

    @Test
    void negativeReplicasAreRefused() {
        String app = DeployFixtures.unique("app");
        String env = DeployFixtures.unique("env");
        DeployFixtures.register(deploy, app, env);
        fails(Status.Code.INVALID_ARGUMENT, "replicas", () -> deploy.deploy(request(app, env).setReplicas(-1).build()));
        fails(Status.Code.INVALID_ARGUMENT, "replicas", () -> deploy.scale(ScaleRequest.newBuilder().setApplication(app)
                .setEnvironment(env).setReplicas(-1).build()));
    }

    @Test
    void anUnknownApplicationOrEnvironmentIsNotFound() {
        String env = DeployFixtures.unique("env");
        deploy.createEnvironment(CreateEnvironmentRequest.newBuilder().setEnvironment(DeployFixtures.environment(env)).build());
        fails(Status.Code.NOT_FOUND, "no application named 'nosuch-app'", () -> deploy.deploy(request("nosuch-app", env).build()));
        String app = DeployFixtures.unique("app");
        deploy.createApplication(CreateApplicationRequest.newBuilder().setApplication(DeployFixtures.demoApp(app)).build());
        fails(Status.Code.NOT_FOUND, "no environment named 'nosuch-env'", () -> deploy.deploy(request(app, "nosuch-env").build()));
    }

    @Test
    void artifactPathsThatLeaveTheirFolderAreRefused() throws Exception {
        for (String path : new String[] {"../pom.xml", "demo-app/../..", "/etc", "demo-app/../../deploy-service"}) {
            String app = DeployFixtures.unique("app");
            fails(Status.Code.INVALID_ARGUMENT, "application.artifactPath", () -> deploy.createApplication(
                    CreateApplicationRequest.newBuilder().setApplication(DeployFixtures.demoApp(app).toBuilder()
                            .setArtifactPath(path)).build()));
            fails(Status.Code.NOT_FOUND, app, () -> deploy.getApplication(GetApplicationRequest.newBuilder().setName(app).build()));
        }
        Path link = Path.of("..", "examples", "link-out-" + DeployFixtures.unique("x"));
        Files.createSymbolicLink(link, Path.of("/tmp"));
        try {
            fails(Status.Code.INVALID_ARGUMENT, "symbolic link", () -> deploy.createApplication(CreateApplicationRequest
                    .newBuilder().setApplication(DeployFixtures.demoApp(DeployFixtures.unique("app")).toBuilder()
                            .setArtifactPath(link.getFileName().toString())).build()));
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void anInvalidAnalysisQueryIsRefusedNamingTheMetric() {
        String app = DeployFixtures.unique("app");
        String env = DeployFixtures.unique("env");
        DeployFixtures.register(deploy, app, env);
        CanaryStep analysis = CanaryStep.newBuilder().setAnalysis("errors").build();
        AnalysisTemplate unbalanced = AnalysisTemplate.newBuilder().setName("errors").addMetrics(AnalysisMetric.newBuilder()
                .setName("error-rate").setQuery("sum(rate(http_requests_total{code=~\"5..\"}[1m])")
                .setSuccessCondition("result[0] < 0.01")).build();
        fails(Status.Code.INVALID_ARGUMENT, "analysisTemplates[0].metrics[0].query", () -> deploy.deploy(request(app, env)
                .setStrategy(DeployFixtures.canary(DeployFixtures.weight(10), analysis)).addAnalysisTemplates(unbalanced).build()));
        AnalysisTemplate undeclared = unbalanced.toBuilder().setMetrics(0, unbalanced.getMetrics(0).toBuilder()
                .setQuery("sum(rate(http_requests_total{version=\"{{args.version}}\"}[1m]))")).build();
        fails(Status.Code.INVALID_ARGUMENT, "undeclared argument 'version'", () -> deploy.deploy(request(app, env)
                .setStrategy(DeployFixtures.canary(DeployFixtures.weight(10), analysis)).addAnalysisTemplates(undeclared).build()));
        AnalysisTemplate badCondition = unbalanced.toBuilder().setMetrics(0, unbalanced.getMetrics(0).toBuilder()
                .setQuery("vector(0)").setSuccessCondition("result[0] <")).build();
        fails(Status.Code.INVALID_ARGUMENT, "successCondition", () -> deploy.deploy(request(app, env)
                .setStrategy(DeployFixtures.canary(DeployFixtures.weight(10), analysis)).addAnalysisTemplates(badCondition).build()));
        fails(Status.Code.INVALID_ARGUMENT, "unknown-template", () -> deploy.deploy(request(app, env)
                .setStrategy(DeployFixtures.canary(CanaryStep.newBuilder().setAnalysis("unknown-template").build())).build()));
        assertEquals(0, deploy.listDeployments(ListDeploymentsRequest.newBuilder().setApplication(app)
                .setEnvironment(env).build()).getDeploymentsCount());
    }

    @Test
    void namesVersionsAndRangesAreChecked() {
        fails(Status.Code.INVALID_ARGUMENT, "application.name", () -> deploy.createApplication(CreateApplicationRequest
                .newBuilder().setApplication(DeployFixtures.demoApp("Bad Name")).build()));
        fails(Status.Code.INVALID_ARGUMENT, "environment.router.portRangeEnd", () -> deploy.createEnvironment(
                CreateEnvironmentRequest.newBuilder().setEnvironment(DeployFixtures.environment(DeployFixtures.unique("env"))
                        .toBuilder().setRouter(io.opsplane.proto.deploy.v1.TrafficRouter.newBuilder().setPortRangeStart(40000)
                                .setPortRangeEnd(30000))).build()));
        fails(Status.Code.INVALID_ARGUMENT, "environment.target", () -> deploy.createEnvironment(CreateEnvironmentRequest
                .newBuilder().setEnvironment(DeployFixtures.environment(DeployFixtures.unique("env")).toBuilder()
                        .setTarget("kubernetes")).build()));
        String app = DeployFixtures.unique("app");
        String env = DeployFixtures.unique("env");
        DeployFixtures.register(deploy, app, env);
        fails(Status.Code.ALREADY_EXISTS, app, () -> deploy.createApplication(CreateApplicationRequest.newBuilder()
                .setApplication(DeployFixtures.demoApp(app)).build()));
        fails(Status.Code.INVALID_ARGUMENT, "version", () -> deploy.deploy(request(app, env).setVersion("v1; rm -rf /").build()));
        fails(Status.Code.INVALID_ARGUMENT, "progressDeadline", () -> deploy.deploy(request(app, env)
                .setProgressDeadline("soon").build()));
        fails(Status.Code.INVALID_ARGUMENT, "id", () -> deploy.getDeployment(
                io.opsplane.proto.deploy.v1.GetDeploymentRequest.newBuilder().setId("../1").build()));
    }

    @Test
    void aProtectedEnvironmentWaitsForAnApprovalBySomeoneElse() {
        String app = DeployFixtures.unique("app");
        String env = DeployFixtures.unique("prod");
        deploy.createApplication(CreateApplicationRequest.newBuilder().setApplication(DeployFixtures.demoApp(app)).build());
        deploy.createEnvironment(CreateEnvironmentRequest.newBuilder().setEnvironment(DeployFixtures.environment(env)
                .toBuilder().setProtected(true)).build());
        var requested = deploy.deploy(request(app, env).build());
        assertEquals("AWAITING_APPROVAL", requested.getPhase());
        var command = io.opsplane.proto.deploy.v1.DeploymentCommandRequest.newBuilder().setId(requested.getId()).build();
        fails(Status.Code.PERMISSION_DENIED, "cannot approve their own", () -> deploy.approve(command));
        fails(Status.Code.FAILED_PRECONDITION, "awaits an approval", () -> deploy.promote(
                io.opsplane.proto.deploy.v1.PromoteRequest.newBuilder().setId(requested.getId()).build()));
        fails(Status.Code.ALREADY_EXISTS, requested.getId(), () -> deploy.deploy(request(app, env).setVersion("v2").build()));
        DeployServiceGrpc.DeployServiceBlockingStub other = TestPrincipals.as(
                TestPrincipals.user("test-operator-2", "operator", "global"), unauthenticated);
        var approved = other.approve(command);
        assertEquals("PENDING", approved.getPhase());
        assertEquals("test-operator-2", approved.getApprovedBy());
        fails(Status.Code.FAILED_PRECONDITION, "awaits no approval", () -> other.approve(command));
    }

    @Test
    void scalingSomethingNeverDeployedIsNotFound() {
        String app = DeployFixtures.unique("app");
        String env = DeployFixtures.unique("env");
        DeployFixtures.register(deploy, app, env);
        fails(Status.Code.NOT_FOUND, "never deployed", () -> deploy.scale(ScaleRequest.newBuilder().setApplication(app)
                .setEnvironment(env).setReplicas(2).build()));
    }

    @Test
    void aViewerMayNotDeploy() {
        DeployServiceGrpc.DeployServiceBlockingStub viewer = TestPrincipals.as(
                TestPrincipals.user("test-viewer", "viewer", "global"), unauthenticated);
        fails(Status.Code.PERMISSION_DENIED, "deployments:create", () -> viewer.deploy(request("demo", "staging").build()));
        fails(Status.Code.UNAUTHENTICATED, "", () -> unauthenticated.deploy(request("demo", "staging").build()));
    }
}
