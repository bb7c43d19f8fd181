package io.opsplane.bench;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.opsplane.proto.pipeline.v1.FollowJobLogRequest;
import io.opsplane.proto.pipeline.v1.GetRunRequest;
import io.opsplane.proto.pipeline.v1.Job;
import io.opsplane.proto.pipeline.v1.JobAttempt;
import io.opsplane.proto.pipeline.v1.LogChunk;
import io.opsplane.proto.pipeline.v1.PipelineServiceGrpc;
import io.opsplane.proto.pipeline.v1.RegisterPipelineRequest;
import io.opsplane.proto.pipeline.v1.Run;
import io.opsplane.proto.pipeline.v1.TriggerRunRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pipelines on a running platform with its runners, against a plain script doing the same work:
 * <ol>
 *   <li>a DAG of {@code --jobs} jobs running {@code true} (stages, half of the jobs with {@code needs}) run by
 *   the platform, and the same commands run by a plain bash script with {@code --parallelism} jobs at once,
 *   stage after stage: the wall-time ratio and each job's overhead (a runner taking it → its result stored);</li>
 *   <li>trigger → the first job's process started (the job prints its start time), sequential runs;</li>
 *   <li>a job printing 100 MB followed live over gRPC: throughput, and the delay from a line's printing to
 *   its arrival at the follower.</li>
 * </ol>
 * Prints Markdown rows; {@code --label} names the executor the runners use.
 */
public final class PipelineBench {

    private static final Pattern STAMP = Pattern.compile("T (\\d{19}) ");

    private final PipelineServiceGrpc.PipelineServiceBlockingStub pipelines;
    private final String label;

    private PipelineBench(PipelineServiceGrpc.PipelineServiceBlockingStub pipelines, String label) {
        this.pipelines = pipelines;
        this.label = label;
    }

    public static void main(String[] args) throws Exception {
        String target = value(args, "--pipeline-grpc", "127.0.0.1:9081");
        int jobs = Integer.parseInt(value(args, "--jobs", "200"));
        int parallelism = Integer.parseInt(value(args, "--parallelism", "4"));
        String label = value(args, "--label", "sandbox");
        boolean logs = Boolean.parseBoolean(value(args, "--logs", "true"));
        String token = Files.readString(Path.of(System.getenv().getOrDefault("OPSPLANE_HOME", ".opsplane"),
                "admin-token")).strip();
        ManagedChannel channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
        Metadata auth = new Metadata();
        auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        PipelineBench bench = new PipelineBench(PipelineServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth)), label);
        try {
            bench.warmUp();
            bench.dag(jobs, parallelism);
            bench.triggerToFirstProcess(20);
            if (logs) {
                bench.logStreaming(100_000_000L);
            }
        } finally {
            channel.shutdownNow();
        }
    }

    private String pipeline(String prefix, String definition) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        pipelines.registerPipeline(RegisterPipelineRequest.newBuilder().setName(name).setDefinition(definition).build());
        return name;
    }

    private Run trigger(String name) {
        return pipelines.triggerRun(TriggerRunRequest.newBuilder().setPipelineName(name).setRef("main").build());
    }

    private Run awaitFinished(Run started) throws InterruptedException {
        while (true) {
            Run run = pipelines.getRun(GetRunRequest.newBuilder().setRunId(started.getId()).build());
            if (List.of("success", "failed", "canceled", "skipped").contains(run.getStatus())) {
                return run;
            }
            Thread.sleep(20);
        }
    }

    private void warmUp() throws InterruptedException {
        awaitFinished(trigger(pipeline("bench-warm", "a:\n  script: [true]\nb:\n  script: [true]\n")));
    }

    /** {@code stages} stages of equal size; every other job needs two jobs of the stage before. */
    static String dagDefinition(int jobs, int stages) {
        int perStage = jobs / stages;
        StringBuilder yaml = new StringBuilder("stages: [");
        for (int s = 0; s < stages; s++) {
            yaml.append(s == 0 ? "" : ", ").append("s").append(s);
        }
        yaml.append("]\n");
        for (int s = 0; s < stages; s++) {
            for (int j = 0; j < perStage; j++) {
                yaml.append("j").append(s).append("-").append(j).append(":\n  stage: s").append(s)
                        .append("\n  script: [\"true\"]\n");
                if (s > 0 && j % 2 == 0) {
                    yaml.append("  needs: [j").append(s - 1).append("-").append(j).append(", j").append(s - 1)
                            .append("-").append((j + 1) % perStage).append("]\n");
                }
            }
        }
        return yaml.toString();
    }

    private void dag(int jobs, int parallelism) throws Exception {
        int stages = 10;
        Run run = awaitFinished(trigger(pipeline("bench-dag", dagDefinition(jobs, stages))));
        if (!"success".equals(run.getStatus())) {
            throw new IllegalStateException("the DAG run ended " + run.getStatus());
        }
        double platformSeconds = seconds(run.getCreatedAt(), run.getFinishedAt());
        List<Long> overhead = new ArrayList<>();
        List<Long> queued = new ArrayList<>();
        for (Job job : run.getJobsList()) {
            JobAttempt attempt = job.getAttempts(0);
            overhead.add(millis(attempt.getStartedAt(), attempt.getFinishedAt()));
            queued.add(millis(attempt.getQueuedAt(), attempt.getStartedAt()));
        }
        double scriptSeconds = plainScript(jobs / stages, stages, parallelism);
        row("DAG of " + jobs + " `true` jobs (" + stages + " stages, half with needs), " + label, String.format(
                Locale.ROOT, "%.2f s; plain bash with %d at once: %.2f s; ratio %.2f×", platformSeconds, parallelism,
                scriptSeconds, platformSeconds / scriptSeconds));
        row("per-job overhead (taken by a runner → result stored), " + label, percentiles(overhead));
        row("queued → taken by a runner, " + label, percentiles(queued));
    }

    /** The same commands, stage after stage, {@code parallelism} at a time, each in its own bash. */
    private static double plainScript(int perStage, int stages, int parallelism) throws Exception {
        String script = "for s in $(seq " + stages + "); do seq " + perStage + " | xargs -P " + parallelism
                + " -I{} bash -eo pipefail -c true; done";
        Instant start = Instant.now();
        Process process = new ProcessBuilder("bash", "-c", script).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the plain script failed");
        }
        return Duration.between(start, Instant.now()).toNanos() / 1e9;
    }

    private void triggerToFirstProcess(int runs) throws Exception {
        String name = pipeline("bench-first", "first:\n  script: ['echo \"T $(date +%s%N) \"']\n");
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long before = System.currentTimeMillis() * 1_000_000L;
            Run run = awaitFinished(trigger(name));
            Matcher stamp = STAMP.matcher(log(run.getId(), "first"));
            if (!stamp.find()) {
                throw new IllegalStateException("no start time in the job's log");
            }
            delays.add((Long.parseLong(stamp.group(1)) - before) / 1_000_000L);
        }
        row("trigger → first job's process started, " + label + " (" + runs + " runs)", percentiles(delays));
    }

    private String log(String runId, String job) {
        StringBuilder text = new StringBuilder();
        pipelines.followJobLog(FollowJobLogRequest.newBuilder().setRunId(runId).setJobName(job).build())
                .forEachRemaining(chunk -> text.append(chunk.getData().toString(StandardCharsets.UTF_8)));
        return text.toString();
    }

    /** A job printing {@code bytes} in lines of 100 kB, each starting with its print time; followed live. */
    private void logStreaming(long bytes) throws Exception {
        int lines = (int) (bytes / 100_000);
        String name = pipeline("bench-log", "loud:\n  script:\n    - 'for i in $(seq " + lines
                + "); do printf \"T %s \" $(date +%s%N); head -c 99970 /dev/zero | tr \"\\\\0\" x; echo; done'\n");
        Run run = trigger(name);
        long received = 0;
        Instant first = null;
        List<Long> delays = new ArrayList<>();
        StringBuilder carry = new StringBuilder();
        Iterator<LogChunk> chunks = pipelines.followJobLog(FollowJobLogRequest.newBuilder().setRunId(run.getId())
                .setJobName("loud").setFollow(true).build());
        while (chunks.hasNext()) {
            LogChunk chunk = chunks.next();
            long now = System.currentTimeMillis() * 1_000_000L;
            if (first == null && !chunk.getData().isEmpty()) {
                first = Instant.now();
            }
            received += chunk.getData().size();
            carry.append(chunk.getData().toString(StandardCharsets.ISO_8859_1));
            Matcher stamp = STAMP.matcher(carry);
            int end = 0;
            while (stamp.find()) {
                delays.add((now - Long.parseLong(stamp.group(1))) / 1_000_000L);
                end = stamp.end();
            }
            carry.delete(0, Math.max(end, carry.length() - 40));
        }
        double seconds = Duration.between(first, Instant.now()).toNanos() / 1e9;
        Run done = awaitFinished(run);
        row("job printing " + bytes / 1_000_000 + " MB, followed live, " + label, String.format(Locale.ROOT,
                "%.1f MB in %.2f s: %.1f MB/s to the follower; job %.2f s", received / 1e6, seconds,
                received / 1e6 / seconds, seconds(done.getJobs(0).getAttempts(0).getStartedAt(),
                        done.getJobs(0).getAttempts(0).getFinishedAt())));
        row("log line printed → at the follower, " + label, percentiles(delays));
        Instant start = Instant.now();
        Process plain = new ProcessBuilder("bash", "-c", "for i in $(seq " + lines
                + "); do printf \"T %s \" $(date +%s%N); head -c 99970 /dev/zero | tr '\\0' x; echo; done | cat >/dev/null")
                .inheritIO().start();
        plain.waitFor();
        row("the same output through a plain pipe (bash | cat)", String.format(Locale.ROOT, "%.2f s",
                Duration.between(start, Instant.now()).toNanos() / 1e9));
    }

    private static String percentiles(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return String.format(Locale.ROOT, "p50 %d ms, p95 %d ms, max %d ms (n=%d)", sorted.get(sorted.size() / 2),
                sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.95) - 1)),
                sorted.get(sorted.size() - 1), sorted.size());
    }

    private static long millis(Timestamp from, Timestamp to) {
        return Math.round(seconds(from, to) * 1000);
    }

    private static double seconds(Timestamp from, Timestamp to) {
        return (to.getSeconds() - from.getSeconds()) + (to.getNanos() - from.getNanos()) / 1e9;
    }

    private static void row(String measure, String value) {
        System.out.println("| " + measure + " | " + value + " |");
    }

    private static String value(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
