package io.opsplane.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.opsplane.proto.observability.v1.TimelineEntry;
import io.opsplane.proto.observability.v1.TimelinePage;
import io.opsplane.proto.pipeline.v1.ListPipelinesResponse;
import io.opsplane.proto.pipeline.v1.Pipeline;
import io.opsplane.proto.pipeline.v1.PipelineVersion;
import io.opsplane.proto.security.v1.AccessDecision;
import io.opsplane.proto.security.v1.Binding;
import io.opsplane.proto.security.v1.BindingList;
import io.opsplane.proto.security.v1.IssuedToken;
import io.opsplane.proto.security.v1.Role;
import io.opsplane.proto.security.v1.TokenList;
import io.opsplane.proto.security.v1.Principal;
import io.opsplane.proto.security.v1.TokenInfo;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.util.List;

/** The JSON bodies of the REST API. */
public final class Views {

    private Views() {
    }

    public record RegisterPipeline(String name, String definition) {
    }

    public record Version(String pipelineName, int version, String sha256, String definition, String registeredBy,
            Instant registeredAt) {
        static Version of(PipelineVersion v) {
            return new Version(v.getPipelineName(), v.getVersion(), v.getSha256(), v.getDefinition(),
                    v.getRegisteredBy(), instant(v.getRegisteredAt()));
        }
    }

    public record Registration(boolean created, Version version) {
    }

    public record PipelineView(String name, Instant createdAt, List<Version> versions) {
        static PipelineView of(Pipeline p) {
            return new PipelineView(p.getName(), instant(p.getCreatedAt()),
                    p.getVersionsList().stream().map(Version::of).toList());
        }
    }

    /** One pipeline in a listing. */
    public record PipelineSummaryView(String name, Instant createdAt, int latestVersion) {
    }

    /** A page of pipelines; nextPageToken is absent on the last one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PipelinePage(List<PipelineSummaryView> pipelines, String nextPageToken) {
        static PipelinePage of(ListPipelinesResponse page) {
            return new PipelinePage(page.getPipelinesList().stream().map(p -> new PipelineSummaryView(p.getName(),
                    instant(p.getCreatedAt()), p.getLatestVersion())).toList(), blankToNull(page.getNextPageToken()));
        }
    }

    /**
     * One timeline event. {@code data} is parsed here into a JSON tree and written out again, never
     * copied as text: whatever a service stored, the answer stays one well-formed document.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(String id, String type, String source, String subject, Instant time, String correlationId,
            String traceId, String topic, @Schema(type = SchemaType.OBJECT) JsonNode data, Instant recordedAt) {
        static Event of(TimelineEntry e) {
            return new Event(e.getEventId(), e.getType(), e.getSource(), e.getSubject(), instant(e.getTime()),
                    blankToNull(e.getCorrelationId()), blankToNull(e.getTraceId()), e.getTopic(),
                    EventData.parse(e.getDataJson()), instant(e.getRecordedAt()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventPage(List<Event> events, String nextCursor) {
        static EventPage of(TimelinePage page) {
            return new EventPage(page.getEntriesList().stream().map(Event::of).toList(),
                    blankToNull(page.getNextCursor()));
        }
    }

    /** A role at a scope: {@code global}, or {@code <kind>:<name>} where {@code *} in the name matches anything. */
    public record RoleAtScope(String role, String scope) {
    }

    public record IssueToken(String name, String subject, List<String> roles, List<RoleAtScope> bindings,
            Long ttlSeconds) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Token(String id, String name, String subject, List<String> roles, List<RoleAtScope> bindings,
            String createdBy, Instant createdAt, Instant expiresAt, Instant lastUsedAt, boolean revoked) {
        static Token of(TokenInfo t) {
            return new Token(t.getTokenId(), t.getName(), t.getSubject(), t.getRolesList(),
                    t.getBindingsList().stream().map(b -> new RoleAtScope(b.getRole(), b.getScope())).toList(),
                    blankToNull(t.getCreatedBy()), instant(t.getCreatedAt()), instant(t.getExpiresAt()),
                    t.hasLastUsedAt() ? instant(t.getLastUsedAt()) : null, t.getRevoked());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenPage(List<Token> tokens, String nextPageToken) {
        static TokenPage of(TokenList list) {
            return new TokenPage(list.getTokensList().stream().map(Token::of).toList(),
                    blankToNull(list.getNextPageToken()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AccessDecisionView(boolean allowed, String reason, String grantedBy, String role, String scope) {
        static AccessDecisionView of(AccessDecision d) {
            return new AccessDecisionView(d.getAllowed(), d.getReason(), blankToNull(d.getGrantedBy()),
                    blankToNull(d.getRole()), blankToNull(d.getScope()));
        }
    }

    /** One question of a batch: the same fields as the query parameters of a single check. */
    public record AccessQuestion(String permission, String resource, List<String> within, String subject,
            List<String> groups, String tokenId) {
    }

    public record AccessChecks(List<AccessQuestion> checks) {
    }

    public record AccessDecisions(List<AccessDecisionView> decisions) {
    }

    public record RoleView(String name, String description, List<String> permissions, boolean builtIn) {
        static RoleView of(Role r) {
            return new RoleView(r.getName(), r.getDescription(), r.getPermissionsList(), r.getBuiltIn());
        }
    }

    public record CreateRole(String name, String description, List<String> permissions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BindingView(String id, String role, String scope, String subject, String group, String createdBy,
            Instant createdAt) {
        static BindingView of(Binding b) {
            return new BindingView(b.getId(), b.getRole(), b.getScope(), blankToNull(b.getSubject()),
                    blankToNull(b.getGroup()), b.getCreatedBy(), instant(b.getCreatedAt()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BindingPage(List<BindingView> bindings, String nextPageToken) {
        static BindingPage of(BindingList list) {
            return new BindingPage(list.getBindingsList().stream().map(BindingView::of).toList(),
                    blankToNull(list.getNextPageToken()));
        }
    }

    public record CreateBinding(String role, String scope, String subject, String group) {
    }

    /** The only response that ever carries a token secret. */
    public record NewToken(Token token, String secret) {
        static NewToken of(IssuedToken issued) {
            return new NewToken(Token.of(issued.getInfo()), issued.getToken());
        }
    }

    public record Me(String subject, String tokenId, String kind, List<String> roles, List<String> groups,
            List<Grant> grants, Instant expiresAt) {
        static Me of(Principal p) {
            return new Me(p.getSubject(), p.getTokenId(), p.getKind(), p.getRolesList(), p.getGroupsList(),
                    p.getGrantsList().stream().map(Grant::of).toList(), instant(p.getExpiresAt()));
        }
    }

    /** A role the caller holds at a scope, and where it comes from ({@code binding:<id>}, {@code token}, {@code claim:<value>}). */
    public record Grant(String role, String scope, List<String> permissions, String via) {
        static Grant of(io.opsplane.proto.security.v1.Grant g) {
            return new Grant(g.getRole(), g.getScope(), g.getPermissionsList(), g.getVia());
        }
    }

    /** An RFC 3339 query parameter as a timestamp; IllegalArgumentException (400) naming the field. */
    static com.google.protobuf.Timestamp timestamp(String field, String value) {
        try {
            Instant instant = java.time.OffsetDateTime.parse(value).toInstant();
            return com.google.protobuf.Timestamp.newBuilder().setSeconds(instant.getEpochSecond())
                    .setNanos(instant.getNano()).build();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an RFC 3339 time such as 2026-01-31T12:00:00Z");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuditEntryView(long seq, Instant recordedAt, String subject, String tokenId, String sourceAddress,
            String service, String permission, String resource, String summary, String outcome, String correlationId,
            String eventId, String hash) {
        static AuditEntryView of(io.opsplane.proto.security.v1.AuditEntry e) {
            return new AuditEntryView(e.getSeq(), instant(e.getRecordedAt()), e.getSubject(), blankToNull(e.getTokenId()),
                    blankToNull(e.getSourceAddress()), e.getService(), e.getPermission(), blankToNull(e.getResource()),
                    blankToNull(e.getSummary()), e.getOutcome(), blankToNull(e.getCorrelationId()), e.getEventId(),
                    e.getHash());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuditPageView(List<AuditEntryView> records, String nextPageToken) {
        static AuditPageView of(io.opsplane.proto.security.v1.AuditPage page) {
            return new AuditPageView(page.getEntriesList().stream().map(AuditEntryView::of).toList(),
                    blankToNull(page.getNextPageToken()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuditVerificationView(boolean ok, String problem, Long seq, String detail, long recordsChecked,
            long lastSeq, long newestCheckpointSeq, boolean truncatedSinceCheckpoint,
            List<String> checkpointFileProblems) {
        static AuditVerificationView of(io.opsplane.proto.security.v1.AuditVerification v) {
            return new AuditVerificationView(v.getOk(), blankToNull(v.getProblem()),
                    v.getProblem().isEmpty() ? null : v.getSeq(), blankToNull(v.getDetail()), v.getRecordsChecked(),
                    v.getLastSeq(), v.getNewestCheckpointSeq(), v.getTruncatedSinceCheckpoint(),
                    v.getCheckpointFileProblemsList());
        }
    }

    static Instant instant(com.google.protobuf.Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    /** A query parameter or body field as a proto string: absent is empty. */
    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
