package io.opsplane.bench;

import io.opsplane.platform.access.Binding;
import io.opsplane.platform.access.BindingIndex;
import io.opsplane.platform.access.BuiltInRoles;
import io.opsplane.platform.access.Grant;
import io.opsplane.platform.access.PrincipalAssertions;
import io.opsplane.platform.access.Principals;
import io.opsplane.platform.access.ResourceRef;
import io.opsplane.platform.access.Role;
import io.opsplane.platform.access.Scope;
import io.opsplane.platform.access.SigningKeys;
import io.opsplane.proto.security.v1.Principal;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Access decisions in process, as every service makes them: with 10,000 bindings, the authority of a
 * random subject (its own and its groups' bindings) and one object-level decision, on 2 threads; and
 * what verifying a relayed principal assertion costs, first time and remembered. Prints Markdown rows.
 */
public final class AccessBench {

    private static final String[] PERMISSIONS = {"pipelines:read", "pipelines:run", "pipelines:write",
            "deployments:promote", "deployments:read", "alerts:silence", "access:grant"};
    private static final String[] ROLES = {"viewer", "developer", "operator"};

    private AccessBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        decisions(seconds);
        assertions();
    }

    /** 10,000 bindings: 2,000 subjects with 4 each, 400 groups with 5 each. */
    static BindingIndex tenThousandBindings(Random random) {
        List<Binding> bindings = new ArrayList<>();
        for (int subject = 0; subject < 2_000; subject++) {
            for (int i = 0; i < 4; i++) {
                bindings.add(new Binding("s" + subject + "-" + i, ROLES[random.nextInt(ROLES.length)],
                        scope(random), "user-" + subject, null));
            }
        }
        for (int group = 0; group < 400; group++) {
            for (int i = 0; i < 5; i++) {
                bindings.add(new Binding("g" + group + "-" + i, ROLES[random.nextInt(ROLES.length)], scope(random), null,
                        "team-" + group));
            }
        }
        return new BindingIndex(bindings, name -> BuiltInRoles.find(name).orElse(null));
    }

    private static Scope scope(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Scope.parse("pipeline:p" + random.nextInt(1_000));
            case 1 -> Scope.parse("project:shop-" + random.nextInt(50));
            case 2 -> Scope.parse("environment:env-" + random.nextInt(20) + "*");
            default -> Scope.parse("pipeline:web-*");
        };
    }

    private static void decisions(int seconds) throws InterruptedException {
        BindingIndex index = tenThousandBindings(new Random(42));
        AtomicLong decisions = new AtomicLong();
        AtomicLong allowed = new AtomicLong();
        long[][] samples = new long[2][];
        Thread[] threads = new Thread[2];
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        for (int t = 0; t < threads.length; t++) {
            int slot = t;
            threads[t] = new Thread(() -> {
                Random random = new Random(slot);
                long[] latencies = new long[1 << 20];
                int sampled = 0;
                long count = 0;
                long yes = 0;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    String subject = "user-" + random.nextInt(2_000);
                    List<String> groups = List.of("team-" + random.nextInt(400), "team-" + random.nextInt(400));
                    ResourceRef resource = ResourceRef.of("pipeline", "p" + random.nextInt(1_000))
                            .in("project", "shop-" + random.nextInt(50));
                    boolean decided = index.authorityOf(subject, groups)
                            .decide(PERMISSIONS[random.nextInt(PERMISSIONS.length)], resource).allowed();
                    long took = System.nanoTime() - start;
                    if (decided) {
                        yes++;
                    }
                    if ((count & 15) == 0 && sampled < latencies.length) {
                        latencies[sampled++] = took;
                    }
                    count++;
                }
                decisions.addAndGet(count);
                allowed.addAndGet(yes);
                samples[slot] = Arrays.copyOf(latencies, sampled);
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] all = concat(samples[0], samples[1]);
        Arrays.sort(all);
        row("Access decisions with 10,000 bindings (2 threads, in process)",
                String.format(Locale.ROOT, "%,.0f decisions/s", decisions.get() / (double) seconds));
        row("Access decision latency p50 / p99", String.format(Locale.ROOT, "%.1f µs / %.1f µs",
                percentile(all, 0.50) / 1e3, percentile(all, 0.99) / 1e3));
        row("Decisions allowed (sanity: a mix)", String.format(Locale.ROOT, "%.0f %%",
                100.0 * allowed.get() / decisions.get()));
    }

    private static void assertions() {
        KeyPair keys = SigningKeys.generate();
        Role developer = BuiltInRoles.find("developer").orElseThrow();
        Principal principal = Principal.newBuilder().setSubject("dev").setTokenId("t").setKind("token")
                .addGrants(Principals.toMessage(new Grant("developer", Scope.parse("pipeline:web"),
                        developer.permissions(), "token"))).build();
        Instant now = Instant.now();
        int rounds = 20_000;
        long[] verify = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            String assertion = PrincipalAssertions.sign(principal.toBuilder().setTokenId("t" + i).build(), keys.getPrivate(),
                    now, Duration.ofMinutes(5));
            long start = System.nanoTime();
            PrincipalAssertions.verify(assertion, keys.getPublic(), now);
            verify[i] = System.nanoTime() - start;
        }
        Arrays.sort(verify);
        row("Principal assertion, first verification (Ed25519) p50 / p99", String.format(Locale.ROOT,
                "%.0f µs / %.0f µs", percentile(verify, 0.50) / 1e3, percentile(verify, 0.99) / 1e3));
        // What a service does per relayed call once the assertion is remembered: the caller's
        // authority from its grants, and the decision on the object.
        long[] decide = new long[rounds * 10];
        ResourceRef web = ResourceRef.of("pipeline", "web");
        for (int i = 0; i < decide.length; i++) {
            long start = System.nanoTime();
            Principals.authorityOf(principal).decide("pipelines:run", web);
            decide[i] = System.nanoTime() - start;
        }
        Arrays.sort(decide);
        row("Per relayed call, assertion remembered: authority + decision p50 / p99", String.format(Locale.ROOT,
                "%.1f µs / %.1f µs", percentile(decide, 0.50) / 1e3, percentile(decide, 0.99) / 1e3));
    }

    private static long[] concat(long[] a, long[] b) {
        long[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    private static void row(String what, String value) {
        System.out.println("| " + what + " | " + value + " |");
    }
}
