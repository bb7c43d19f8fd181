package io.opsplane.gateway.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.opsplane.platform.access.AuthHeaders;
import io.opsplane.proto.pipeline.v1.CancelRunRequest;
import io.opsplane.proto.pipeline.v1.FollowJobLogRequest;
import io.opsplane.proto.pipeline.v1.GetRunRequest;
import io.opsplane.proto.pipeline.v1.Job;
import io.opsplane.proto.pipeline.v1.JobAttempt;
import io.opsplane.proto.pipeline.v1.JobEnvironment;
import io.opsplane.proto.pipeline.v1.ListRunnersRequest;
import io.opsplane.proto.pipeline.v1.ListRunnersResponse;
import io.opsplane.proto.pipeline.v1.ListRunsRequest;
import io.opsplane.proto.pipeline.v1.ListRunsResponse;
import io.opsplane.proto.pipeline.v1.LogChunk;
import io.opsplane.proto.pipeline.v1.PipelineServiceGrpc;
import io.opsplane.proto.pipeline.v1.PlayJobRequest;
import io.opsplane.proto.pipeline.v1.RetryRunRequest;
import io.opsplane.proto.pipeline.v1.Run;
import io.opsplane.proto.pipeline.v1.RunnerInfo;
import io.opsplane.proto.pipeline.v1.RunnerServiceGrpc;
import io.opsplane.proto.pipeline.v1.SetRunnerPausedRequest;
import io.opsplane.proto.pipeline.v1.TriggerRunRequest;
import io.opsplane.proto.security.v1.AuthenticateRequest;
import io.opsplane.proto.security.v1.Principal;
import io.opsplane.proto.security.v1.TokenServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * security-service and pipeline-service as far as the gateway sees them, on the port {@link WithFakeServices}
 * gives the gateway: they accept one caller token and the gateway's own, answer with fixed runs and logs, and
 * remember what they were asked and with which metadata.
 */
public final class FakeServices {

    public static final String CALLER_TOKEN = "ops_" + "c".repeat(43);
    public static final String GATEWAY_TOKEN = "ops_" + "g".repeat(43);
    public static final String CALLER_ASSERTION = "caller-assertion";
    public static final String GATEWAY_ASSERTION = "gateway-assertion";
    /** Run id the pipeline service knows; any other is NOT_FOUND. */
    public static final String RUN_ID = "r-1";

    private static final AtomicReference<Metadata> LAST_HEADERS = new AtomicReference<>();
    private static final java.util.Map<Class<?>, Object> LAST_REQUESTS = new java.util.concurrent.ConcurrentHashMap<>();
    /** Counted down when a followed log's call is cancelled. */
    public static volatile CountDownLatch followCancelled = new CountDownLatch(1);

    private static Server server;

    private FakeServices() {
    }

    public static synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", WithFakeServices.port()))
                .addService(TokenServiceGrpc.bindService(new Tokens()))
                .addService(remembering(PipelineServiceGrpc.bindService(new Pipelines())))
                .addService(remembering(RunnerServiceGrpc.bindService(new Runners())))
                .addService(remembering(io.opsplane.proto.observability.v1.AlertManagerServiceGrpc.bindService(
                        new AlertManager())))
                .addService(remembering(io.opsplane.proto.observability.v1.TelemetryServiceGrpc.bindService(
                        new Telemetry())))
                .build().start();
    }

    /*
     * The services implement the generated AsyncService interfaces, bound here, and remember headers without a
     * ServerInterceptor: Quarkus would take a BindableService or an interceptor among the test classes for
     * the gateway's own, and start a gRPC server of its own.
     */
    private static ServerServiceDefinition remembering(ServerServiceDefinition service) {
        ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(service.getServiceDescriptor());
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            addRemembering(builder, method);
        }
        return builder.build();
    }

    private static <Q, A> void addRemembering(ServerServiceDefinition.Builder builder, ServerMethodDefinition<Q, A> method) {
        ServerCallHandler<Q, A> handler = method.getServerCallHandler();
        builder.addMethod(method.getMethodDescriptor(), (call, headers) -> {
            LAST_HEADERS.set(headers);
            return handler.startCall(call, headers);
        });
    }

    /** The value of a metadata key of the last call to pipeline-service. */
    public static String header(String name) {
        Metadata headers = LAST_HEADERS.get();
        return headers == null ? null : headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
    }

    public static String principalHeader() {
        return header(AuthHeaders.PRINCIPAL);
    }

    public static String relayedByHeader() {
        return header(AuthHeaders.RELAYED_BY);
    }

    /** The last request of that type a fake service was sent. */
    public static <T> T lastRequest(Class<T> type) {
        return type.cast(LAST_REQUESTS.get(type));
    }

    static Timestamp at(long seconds) {
        return Timestamp.newBuilder().setSeconds(seconds).build();
    }

    /** A run with a finished matrix job and a manual deploy job that has not run. */
    public static Run run(String id) {
        return Run.newBuilder().setId(id).setPipelineName("web").setVersion(3).setStatus("manual").setTrigger("manual")
                .setRef("main").setCommitSha("0123abcd").setTriggeredBy("alice").setCorrelationId("corr-9")
                .setCreatedAt(at(1_767_225_600)).setStartedAt(at(1_767_225_601))
                .addStages("test").addStages("deploy").addWarnings("image is ignored by the shell executor")
                .addJobs(Job.newBuilder().setName("test: [a, b]").setStage("test").setStatus("success").setWhen("on_success")
                        .setNeedsDeclared(false).addTags("linux")
                        .addAttempts(JobAttempt.newBuilder().setNumber(1).setStatus("success").setRunnerId("runner-1")
                                .setExitCode(0).setQueuedAt(at(1_767_225_601)).setStartedAt(at(1_767_225_602))
                                .setFinishedAt(at(1_767_225_660)).setLogBytes(1234)))
                .addJobs(Job.newBuilder().setName("deploy").setStage("deploy").setStatus("manual").setWhen("manual")
                        .setAllowFailure(true).addNeeds("test: [a, b]").setNeedsDeclared(true).setResourceGroup("prod")
                        .setEnvironment(JobEnvironment.newBuilder().setName("prod").setUrl("https://example.test")
                                .setAction("start")))
                .build();
    }

    static final class Tokens implements TokenServiceGrpc.AsyncService {
        @Override
        public void authenticate(AuthenticateRequest request, StreamObserver<Principal> response) {
            String token = request.getToken();
            if (!token.equals(CALLER_TOKEN) && !token.equals(GATEWAY_TOKEN)) {
                response.onError(Status.UNAUTHENTICATED.withDescription("unknown token").asRuntimeException());
                return;
            }
            boolean gateway = token.equals(GATEWAY_TOKEN);
            response.onNext(Principal.newBuilder().setSubject(gateway ? "service:gateway" : "alice")
                    .setTokenId(gateway ? "t-gateway" : "t-alice").setKind(gateway ? "service" : "token")
                    .setExpiresAt(at(System.currentTimeMillis() / 1000 + 3600))
                    .setAssertion(gateway ? GATEWAY_ASSERTION : CALLER_ASSERTION).build());
            response.onCompleted();
        }
    }

    static final class Pipelines implements PipelineServiceGrpc.AsyncService {

        @Override
        public void receiveWebhook(io.opsplane.proto.pipeline.v1.ReceiveWebhookRequest request,
                StreamObserver<io.opsplane.proto.pipeline.v1.ReceiveWebhookResponse> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            if (!"sha256=good".equals(request.getHeadersMap().get("x-hub-signature-256"))
                    && !"good".equals(request.getHeadersMap().get("x-gitlab-token"))) {
                response.onError(Status.UNAUTHENTICATED.withDescription("bad signature").asRuntimeException());
                return;
            }
            answer(response, io.opsplane.proto.pipeline.v1.ReceiveWebhookResponse.newBuilder().setOutcome("started")
                    .setDetail("refs/heads/main at abc").setRunId(RUN_ID).build());
        }

        @Override
        public void triggerRun(TriggerRunRequest request, StreamObserver<Run> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            if (!request.getPipelineName().equals("web")) {
                response.onError(Status.NOT_FOUND.withDescription("no pipeline " + request.getPipelineName())
                        .asRuntimeException());
                return;
            }
            answer(response, Run.newBuilder().setId(RUN_ID).setPipelineName("web").setStatus("created")
                    .setTrigger("manual").setRef(request.getRef().isEmpty() ? "main" : request.getRef())
                    .setCommitSha(request.getCommitSha()).setVersion(request.getVersion() == 0 ? 3 : request.getVersion())
                    .setCreatedAt(at(1_767_225_600)).build());
        }

        @Override
        public void getRun(GetRunRequest request, StreamObserver<Run> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            known(request.getRunId(), response);
        }

        @Override
        public void listRuns(ListRunsRequest request, StreamObserver<ListRunsResponse> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            answer(response, ListRunsResponse.newBuilder().addRuns(run(RUN_ID).toBuilder().clearJobs())
                    .setNextPageToken(request.getPageSize() == 1 ? "next" : "").build());
        }

        @Override
        public void cancelRun(CancelRunRequest request, StreamObserver<Run> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            known(request.getRunId(), response);
        }

        @Override
        public void retryRun(RetryRunRequest request, StreamObserver<Run> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            known(request.getRunId(), response);
        }

        @Override
        public void playJob(PlayJobRequest request, StreamObserver<Run> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            known(request.getRunId(), response);
        }

        @Override
        public void followJobLog(FollowJobLogRequest request, StreamObserver<LogChunk> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            ServerCallStreamObserver<LogChunk> call = (ServerCallStreamObserver<LogChunk>) response;
            long offset = request.getOffset();
            switch (request.getJobName()) {
                case "unknown" -> response.onError(Status.NOT_FOUND.withDescription("run r-1 has no job unknown")
                        .asRuntimeException());
                case "secret" -> response.onError(Status.PERMISSION_DENIED.withDescription("pipelines:read is not "
                        + "granted on pipeline:web").asRuntimeException());
                case "follow" -> {
                    CountDownLatch cancelled = followCancelled;
                    call.setOnCancelHandler(cancelled::countDown);
                    response.onNext(chunk(offset, "first\n", false));
                }
                case "quiet" -> new Thread(() -> {
                    sleep(1_500);
                    if (!call.isCancelled()) {
                        response.onNext(chunk(offset, "late\n", true));
                        response.onCompleted();
                    }
                }).start();
                case "utf8" -> {
                    response.onNext(chunk(offset, new byte[] {'c', 'a', 'f', (byte) 0xC3}, false));
                    response.onNext(chunk(offset + 4, new byte[] {(byte) 0xA9, '\n'}, true));
                    response.onCompleted();
                }
                default -> {
                    response.onNext(chunk(offset, "line 1\nline 2\n", false));
                    response.onNext(chunk(offset + 14, "", false));
                    response.onNext(chunk(offset + 14, "done\r\n", true));
                    response.onCompleted();
                }
            }
        }

        private static LogChunk chunk(long offset, String text, boolean complete) {
            return chunk(offset, text.getBytes(StandardCharsets.UTF_8), complete);
        }

        private static LogChunk chunk(long offset, byte[] data, boolean complete) {
            return LogChunk.newBuilder().setOffset(offset).setData(ByteString.copyFrom(data)).setComplete(complete)
                    .setAttempt(2).build();
        }

        private static void known(String runId, StreamObserver<Run> response) {
            if (!runId.equals(RUN_ID)) {
                response.onError(Status.NOT_FOUND.withDescription("no run " + runId).asRuntimeException());
                return;
            }
            answer(response, run(runId));
        }
    }

    static final class Runners implements RunnerServiceGrpc.AsyncService {

        @Override
        public void listRunners(ListRunnersRequest request, StreamObserver<ListRunnersResponse> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            answer(response, ListRunnersResponse.newBuilder().addRunners(runner("runner-1", false)).build());
        }

        @Override
        public void setRunnerPaused(SetRunnerPausedRequest request, StreamObserver<RunnerInfo> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            if (!request.getRunnerId().equals("runner-1")) {
                response.onError(Status.NOT_FOUND.withDescription("no runner " + request.getRunnerId())
                        .asRuntimeException());
                return;
            }
            answer(response, runner(request.getRunnerId(), request.getPaused()));
        }

        private static RunnerInfo runner(String id, boolean paused) {
            return RunnerInfo.newBuilder().setRunnerId(id).setName("build-host-1").addTags("linux").setRunUntagged(true)
                    .setExecutor("sandbox").setPaused(paused).setLastSeenAt(at(1_767_225_700)).setRunningJobs(1)
                    .setVersion("0.1.0").build();
        }
    }

    /** Every alert posted to the alert manager, in order. */
    public static final java.util.List<io.opsplane.proto.observability.v1.PostableAlert> POSTED_ALERTS =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** observability-service's alert manager: remembers posted alerts; knows one alert and one silence. */
    static final class AlertManager implements io.opsplane.proto.observability.v1.AlertManagerServiceGrpc.AsyncService {

        static final String SILENCE_ID = "5f1a5e4c-0000-4000-8000-000000000001";

        @Override
        public void postAlerts(io.opsplane.proto.observability.v1.PostAlertsRequest request,
                StreamObserver<io.opsplane.proto.observability.v1.PostAlertsResponse> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            POSTED_ALERTS.addAll(request.getAlertsList());
            answer(response, io.opsplane.proto.observability.v1.PostAlertsResponse.newBuilder()
                    .setAccepted(request.getAlertsCount()).build());
        }

        @Override
        public void listAlerts(io.opsplane.proto.observability.v1.ListAlertsRequest request,
                StreamObserver<io.opsplane.proto.observability.v1.AlertList> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            answer(response, io.opsplane.proto.observability.v1.AlertList.newBuilder().addAlerts(
                    io.opsplane.proto.observability.v1.AlertView.newBuilder().setFingerprint("7bff7fd882346da9")
                            .putLabels("alertname", "HighLatency").putAnnotations("summary", "slow")
                            .setStartsAt(at(1_767_225_600)).setEndsAt(at(1_767_225_900))
                            .setUpdatedAt(at(1_767_225_610)).setState("suppressed").addSilencedBy(SILENCE_ID)
                            .addReceivers("hook").setGeneratorUrl("http://prometheus/graph")).build());
        }

        @Override
        public void createSilence(io.opsplane.proto.observability.v1.CreateSilenceRequest request,
                StreamObserver<io.opsplane.proto.observability.v1.Silence> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            answer(response, silence(request.getMatchersList()));
        }

        @Override
        public void getSilence(io.opsplane.proto.observability.v1.GetSilenceRequest request,
                StreamObserver<io.opsplane.proto.observability.v1.Silence> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            if (!request.getId().equals(SILENCE_ID)) {
                response.onError(Status.NOT_FOUND.withDescription("no silence " + request.getId())
                        .asRuntimeException());
                return;
            }
            answer(response, silence(java.util.List.of("alertname=~\"High.*\"")));
        }

        @Override
        public void getConfig(io.opsplane.proto.observability.v1.GetConfigRequest request,
                StreamObserver<io.opsplane.proto.observability.v1.ConfigVersion> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            answer(response, io.opsplane.proto.observability.v1.ConfigVersion.newBuilder().setVersion(3)
                    .setYaml("route:\n  receiver: hook\n").setCreatedBy("alice").setCreatedAt(at(1_767_225_000))
                    .build());
        }

        @Override
        public void putConfig(io.opsplane.proto.observability.v1.PutConfigRequest request,
                StreamObserver<io.opsplane.proto.observability.v1.ConfigVersion> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            if (!request.getYaml().startsWith("route:")) {
                response.onError(Status.INVALID_ARGUMENT.withDescription("route: required (line 1, column 1)")
                        .asRuntimeException());
                return;
            }
            answer(response, io.opsplane.proto.observability.v1.ConfigVersion.newBuilder().setVersion(4)
                    .setYaml(request.getYaml()).setCreatedBy("alice").setCreatedAt(at(1_767_225_000)).build());
        }

        @Override
        public void acknowledgeAlert(io.opsplane.proto.observability.v1.AcknowledgeAlertRequest request,
                StreamObserver<io.opsplane.proto.observability.v1.AcknowledgeAlertResponse> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            answer(response, io.opsplane.proto.observability.v1.AcknowledgeAlertResponse.newBuilder()
                    .setFingerprint(request.getFingerprint()).addGroupKeys("{}:{alertname=\"A\"}")
                    .setAcknowledgedBy("alice").setAcknowledgedAt(at(1_767_225_000)).build());
        }

        @Override
        public void putEscalationPolicy(io.opsplane.proto.observability.v1.EscalationPolicy request,
                StreamObserver<io.opsplane.proto.observability.v1.EscalationPolicy> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            answer(response, request);
        }

        @Override
        public void listNotifications(io.opsplane.proto.observability.v1.ListNotificationsRequest request,
                StreamObserver<io.opsplane.proto.observability.v1.NotificationPage> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            answer(response, io.opsplane.proto.observability.v1.NotificationPage.newBuilder()
                    .addAttempts(io.opsplane.proto.observability.v1.NotificationAttempt.newBuilder().setId(42)
                            .setGroupKey("{}:{alertname=\"A\"}").setReceiver("hook").setIntegration("webhook[0]")
                            .setReason("route").setAttempt(2).setAlerts(1).setPayloadDigest("ab".repeat(32))
                            .setStatus("failed").setHttpStatus(503).setLatencyMs(12).setError("unexpected status code 503")
                            .setAttemptedAt(at(1_767_225_000)))
                    .setNextCursor("42").build());
        }

        private static io.opsplane.proto.observability.v1.Silence silence(java.util.List<String> matchers) {
            return io.opsplane.proto.observability.v1.Silence.newBuilder().setId(SILENCE_ID).addAllMatchers(matchers)
                    .setStartsAt(at(1_767_225_600)).setEndsAt(at(1_767_229_200)).setCreatedBy("alice")
                    .setComment("maintenance").setState("active").setUpdatedAt(at(1_767_225_600)).build();
        }
    }

    /** Traces and logs: one trace, span and log searches answering what they were asked. */
    static final class Telemetry implements io.opsplane.proto.observability.v1.TelemetryServiceGrpc.AsyncService {

        static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

        @Override
        public void getTrace(io.opsplane.proto.observability.v1.GetTraceRequest request,
                StreamObserver<io.opsplane.proto.observability.v1.Trace> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            if (!request.getTraceId().equals(TRACE_ID)) {
                response.onError(io.grpc.Status.NOT_FOUND.withDescription("no trace " + request.getTraceId())
                        .asRuntimeException());
                return;
            }
            answer(response, io.opsplane.proto.observability.v1.Trace.newBuilder().setTraceId(TRACE_ID)
                    .setSpanCount(1).build());
        }

        @Override
        public void searchSpans(io.opsplane.proto.observability.v1.SearchSpansRequest request,
                StreamObserver<io.opsplane.proto.observability.v1.SearchSpansResponse> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            answer(response, io.opsplane.proto.observability.v1.SearchSpansResponse.newBuilder()
                    .setNextPageToken("next").build());
        }

        @Override
        public void searchLogs(io.opsplane.proto.observability.v1.SearchLogsRequest request,
                StreamObserver<io.opsplane.proto.observability.v1.SearchLogsResponse> response) {
            LAST_REQUESTS.put(request.getClass(), request);
            answer(response, io.opsplane.proto.observability.v1.SearchLogsResponse.getDefaultInstance());
        }
    }

    private static <T> void answer(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static synchronized void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server = null;
        }
    }
}
