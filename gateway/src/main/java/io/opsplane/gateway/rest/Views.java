package io.opsplane.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.opsplane.proto.observability.v1.TimelineEntry;
import io.opsplane.proto.observability.v1.TimelinePage;
import io.opsplane.proto.pipeline.v1.Pipeline;
import io.opsplane.proto.pipeline.v1.PipelineVersion;
import io.opsplane.proto.security.v1.IssuedToken;
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

    public record IssueToken(String name, String subject, List<String> roles, Long ttlSeconds) {
    }

    public record Token(String id, String name, String subject, List<String> roles, Instant createdAt,
            Instant expiresAt, boolean revoked) {
        static Token of(TokenInfo t) {
            return new Token(t.getTokenId(), t.getName(), t.getSubject(), t.getRolesList(), instant(t.getCreatedAt()),
                    instant(t.getExpiresAt()), t.getRevoked());
        }
    }

    /** The only response that ever carries a token secret. */
    public record NewToken(Token token, String secret) {
        static NewToken of(IssuedToken issued) {
            return new NewToken(Token.of(issued.getInfo()), issued.getToken());
        }
    }

    public record Me(String subject, String tokenId, List<String> roles, Instant expiresAt) {
        static Me of(Principal p) {
            return new Me(p.getSubject(), p.getTokenId(), p.getRolesList(), instant(p.getExpiresAt()));
        }
    }

    static Instant instant(com.google.protobuf.Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
