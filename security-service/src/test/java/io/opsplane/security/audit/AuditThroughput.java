package io.opsplane.security.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Seals a million audit records in memory and verifies them, printing records per second for
 * each. Not a test: run it by hand, for example
 * {@code java -cp target/classes:target/test-classes io.opsplane.security.audit.AuditThroughput [records]}.
 */
public final class AuditThroughput {

    private static final int WARM_UP = 200_000;

    private AuditThroughput() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf("java %s, %d cores, max heap %d MiB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        run(WARM_UP, false);
        run(count, true);
    }

    private static void run(int count, boolean print) {
        long start = System.nanoTime();
        List<AuditRecord> ledger = seal(count);
        long sealed = System.nanoTime();
        Checkpoint tip = TestLedger.checkpointAt(ledger, count);
        long verifyStart = System.nanoTime();
        VerifyReport report = new ChainVerifier().verify(ledger.iterator(), List.of(tip), TestLedger.SIGNER);
        long verified = System.nanoTime();
        if (!report.ok() || report.recordsChecked() != count) {
            throw new IllegalStateException(report.describe());
        }
        if (print) {
            print("seal", count, sealed - start);
            print("verify", count, verified - verifyStart);
        }
    }

    private static List<AuditRecord> seal(int count) {
        AuditChain chain = AuditChain.empty();
        List<AuditRecord> ledger = new ArrayList<>(count);
        Instant at = Instant.parse("2025-03-01T10:00:00.123456Z");
        for (int i = 1; i <= count; i++) {
            ledger.add(chain.seal(AuditRecord.unsealed(at.plusMillis(i), "evt-" + i, "alice", "tok-" + (i % 100),
                    "192.0.2.17", "pipeline-service", "pipelines:run", "pipeline:web",
                    "POST /api/pipelines/web/runs", i % 10 == 0 ? "denied" : "succeeded", "corr-" + i)));
        }
        return ledger;
    }

    private static void print(String what, int count, long nanos) {
        System.out.printf("%-6s %,d records in %,d ms: %,.0f records/s%n", what, count, nanos / 1_000_000,
                count / (nanos / 1e9));
    }
}
