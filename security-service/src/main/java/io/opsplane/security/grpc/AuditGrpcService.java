package io.opsplane.security.grpc;

import io.opsplane.platform.grpc.GrpcErrors;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.security.v1.AuditEntry;
import io.opsplane.proto.security.v1.AuditPage;
import io.opsplane.proto.security.v1.AuditQuery;
import io.opsplane.proto.security.v1.AuditService;
import io.opsplane.proto.security.v1.AuditVerification;
import io.opsplane.proto.security.v1.VerifyAuditRequest;
import io.opsplane.security.domain.AuditRow;
import io.opsplane.security.ledger.AuditQueries;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Instant;

/** gRPC adapter of the audit ledger's reads. */
@GrpcService
public class AuditGrpcService implements AuditService {

    @Inject
    AuditQueries queries;

    @Override
    public Uni<AuditPage> listAuditRecords(AuditQuery request) {
        return Uni.createFrom().deferred(() -> queries.list(new AuditQueries.Filter(request.getSubject(),
                request.getResource(), request.getAction(), request.getOutcome(), request.getCorrelationId(),
                request.hasFrom() ? instant(request.getFrom()) : null, request.hasTo() ? instant(request.getTo()) : null),
                request.getLimit(), request.getPageToken())).map(page -> {
                    AuditPage.Builder answer = AuditPage.newBuilder().setNextPageToken(page.nextPageToken());
                    page.rows().forEach(row -> answer.addEntries(entry(row)));
                    return answer.build();
                }).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    @Blocking
    public Uni<AuditVerification> verifyAudit(VerifyAuditRequest request) {
        return Uni.createFrom().item(() -> {
            AuditQueries.Verification verification = queries.verify();
            var report = verification.report();
            AuditVerification.Builder answer = AuditVerification.newBuilder().setOk(report.ok()
                    && verification.fileProblems().isEmpty())
                    .setRecordsChecked(report.recordsChecked()).setLastSeq(report.lastSeq())
                    .setNewestCheckpointSeq(report.newestCheckpointSeq())
                    .setTruncatedSinceCheckpoint(report.truncatedSinceCheckpoint());
            report.finding().ifPresent(finding -> answer.setProblem(finding.kind().name()).setSeq(finding.seq())
                    .setDetail(finding.detail()));
            verification.fileProblems().forEach(problem -> answer.addCheckpointFileProblems(problem.toString()));
            return answer.build();
        }).onFailure().transform(GrpcErrors::toStatus);
    }

    static AuditEntry entry(AuditRow row) {
        return AuditEntry.newBuilder().setSeq(row.seq).setRecordedAt(Timestamps.of(row.recordedAt))
                .setSubject(row.subject).setTokenId(row.tokenId).setSourceAddress(row.sourceAddress)
                .setService(row.service).setPermission(row.permission).setResource(row.resource)
                .setSummary(row.summary).setOutcome(row.outcome).setCorrelationId(row.correlationId)
                .setEventId(row.eventId).setHash(row.hash).build();
    }

    private static Instant instant(com.google.protobuf.Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
