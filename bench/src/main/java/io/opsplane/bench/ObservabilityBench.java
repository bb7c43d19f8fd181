package io.opsplane.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * observability-service on a running platform (issue 8, "Speed"), in four measures, each in a class of its own:
 * <ol>
 *   <li>OTLP trace ingest into PostgreSQL, and trace look-ups by id with that data present ({@link OtlpIngestBench});</li>
 *   <li>PromQL through the gateway against the metrics store asked directly ({@link PromqlProxyBench});</li>
 *   <li>how many alerting rules at a 1 s interval one instance keeps up with ({@link RuleCapacityBench});</li>
 *   <li>alerts accepted and notifications delivered per second ({@link NotificationBench}).</li>
 * </ol>
 * Prints Markdown rows. A measure that fails prints its reason as a row, the others still run, and the exit
 * status is 1. Options (besides those of {@link EventPathBench.Args}: {@code --seconds}, {@code --observability-db},
 * {@code --user}): {@code --gateway}, {@code --observability}, {@code --prometheus} (base URLs), {@code
 * --observability-grpc} (host:port), {@code
 * --observability-parts} (comma-separated: otlp, promql, rules, notifications), and the sizes below.
 */
public final class ObservabilityBench {

    /** Where the platform answers, and how big each measure is. */
    record Settings(String gateway, String observability, String observabilityGrpc, String prometheus,
            String observabilityDb, String dbUser,
            String dbPassword, int otlpSeconds, int otlpWarmUpSeconds, int otlpSenders, int otlpBatch, int traceLookups,
            int promqlPairs, List<Integer> ruleSizes, int rulesPerGroup, int ruleSeconds, int ruleWarmUpSeconds,
            int alerts, int alertBatch, int alertPosters, int alertDrainSeconds) {
    }

    private ObservabilityBench() {
    }

    public static void main(String[] args) throws Exception {
        EventPathBench.Args a = EventPathBench.Args.parse(args);
        Settings settings = new Settings(
                option(args, "gateway", "http://127.0.0.1:8080"),
                option(args, "observability", "http://127.0.0.1:8084"),
                option(args, "observability-grpc", "127.0.0.1:9084"),
                option(args, "prometheus", "http://127.0.0.1:9490"),
                a.observabilityDb(), a.user(), a.password(),
                number(args, "otlp-seconds", a.seconds()),
                number(args, "otlp-warmup-seconds", Math.max(1, Math.min(10, a.seconds() / 3))),
                number(args, "otlp-senders", 4),
                number(args, "otlp-batch", 200),
                number(args, "trace-lookups", 500),
                number(args, "promql-pairs", 500),
                Arrays.stream(option(args, "rule-sizes", "250,500,1000,2000").split(","))
                        .map(String::strip).map(Integer::parseInt).toList(),
                number(args, "rules-per-group", 25),
                number(args, "rule-seconds", a.seconds()),
                number(args, "rule-warmup-seconds", 10),
                number(args, "alerts", 2_000),
                number(args, "alert-batch", 50),
                number(args, "alert-posters", 4),
                number(args, "alert-drain-seconds", 300));
        List<String> parts = Arrays.stream(option(args, "observability-parts", "otlp,promql,rules,notifications")
                .split(",")).map(String::strip).toList();
        BenchHttp http = new BenchHttp(a.token());
        System.out.println("| measure | value |");
        System.out.println("|---|---|");
        boolean failed = false;
        for (String part : parts) {
            try {
                switch (part) {
                    case "otlp" -> new OtlpIngestBench(http, settings).run();
                    case "promql" -> new PromqlProxyBench(http, settings).run();
                    case "rules" -> new RuleCapacityBench(http, settings).run();
                    case "notifications" -> new NotificationBench(http, settings).run();
                    default -> throw new IllegalArgumentException("unknown part '" + part
                            + "' (otlp, promql, rules, notifications)");
                }
            } catch (Exception e) {
                failed = true;
                if (!(e instanceof Reported)) {
                    row(part, "**failed**: " + e.getMessage());
                }
                System.err.println("observability benchmark, part " + part + ":");
                e.printStackTrace();
            }
        }
        System.out.flush();
        System.exit(failed ? 1 : 0);
    }

    /** A failure already printed as a row of its own measure. */
    static final class Reported extends RuntimeException {
        Reported(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    static void row(String measure, String value) {
        System.out.println("| " + measure + " | " + value.replace("|", "\\|").replace("\n", " ") + " |");
        System.out.flush();
    }

    private static String option(String[] args, String name, String fallback) {
        return AccessPlatformBench.argument(args, name, fallback);
    }

    private static int number(String[] args, String name, int fallback) {
        String value = option(args, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--%s must be a whole number, not '%s'",
                    name, value));
        }
    }
}
