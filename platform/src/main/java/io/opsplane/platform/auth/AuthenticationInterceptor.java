package io.opsplane.platform.auth;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import io.opsplane.platform.access.PermissionCatalog;
import io.opsplane.platform.access.PrincipalAssertions;
import io.opsplane.platform.access.PrincipalAssertions.InvalidAssertionException;
import io.opsplane.platform.access.Principals;
import io.opsplane.proto.security.v1.Principal;
import io.quarkus.grpc.GlobalInterceptor;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Deny by default on every gRPC method of every service: the caller must present either a bearer
 * token ({@code authorization}) or a principal assertion relayed by a service
 * ({@code opsplane-principal}), and must hold the permission the method declares with
 * {@code (opsplane.security.v1.requires)} at some scope (UNAUTHENTICATED / PERMISSION_DENIED
 * otherwise). A method that declares no permission is refused. Only gRPC health and reflection are
 * open. The verified caller is in {@link Callers} for the service's object-level decision.
 */
@ApplicationScoped
@GlobalInterceptor
public class AuthenticationInterceptor implements ServerInterceptor, Prioritized {

    private static final Logger LOG = Logger.getLogger(AuthenticationInterceptor.class);
    private static final String INVALID = "the token is missing, unknown, expired or revoked";
    private static final Metadata.Key<String> BAGGAGE = Metadata.Key.of("baggage", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> TRACEPARENT =
            Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);

    @Inject
    Authenticator authenticator;

    @Inject
    PrincipalKey principalKey;

    @Inject
    io.opsplane.platform.audit.AuditTrail trail;

    @Inject
    AdmissionTimer admissions;

    private final Clock clock = Clock.systemUTC();
    private final Map<String, Optional<String>> permissions = new ConcurrentHashMap<>();
    /**
     * Assertions already verified, until they expire: a relaying gateway sends the same assertion for
     * a caller for minutes, and an Ed25519 verification costs far more than a lookup.
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, PrincipalAssertions.Verified> verified =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(20_000).build();

    @Override
    public int getPriority() {
        // Inside Quarkus' duplicated-context interceptor (MAX_VALUE - 5), so verification and the
        // resumed call run on the call's own Vert.x context; before the request-context (MAX_VALUE - 50),
        // blocking (MAX_VALUE - 60) and exception (MAX_VALUE - 70) interceptors, so nothing of the
        // service runs for a caller that is not verified.
        return Integer.MAX_VALUE - 40;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        long arrived = System.nanoTime();
        MethodDescriptor<ReqT, RespT> method = call.getMethodDescriptor();
        if (isOpen(method.getFullMethodName())) {
            return next.startCall(call, headers);
        }
        Optional<String> permission = permissions.computeIfAbsent(method.getFullMethodName(),
                name -> requiredPermission(method));
        if (permission.isEmpty()) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription(method.getFullMethodName()
                    + " declares no permission and is closed"));
        }
        String source = sourceAddress(call);
        String assertion = headers.get(AuthMetadata.PRINCIPAL);
        if (assertion != null) {
            CallerIdentity caller;
            try {
                caller = relayed(assertion, headers.get(AuthMetadata.RELAYED_BY), source);
            } catch (InvalidAssertionException e) {
                return refuse(call, Status.UNAUTHENTICATED.withDescription(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.warnf("cannot verify principal assertions: %s", e.getMessage());
                return refuse(call, Status.UNAVAILABLE.withDescription("caller verification is unavailable"));
            }
            return admit(call, headers, next, caller, permission.get(), true, arrived);
        }
        String token = io.opsplane.platform.access.AuthHeaders.bearerToken(headers.get(AuthMetadata.AUTHORIZATION));
        if (token.isEmpty() || token.length() > 8192) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription(
                    "this call needs a token: metadata authorization: Bearer <token>"));
        }
        PendingListener<ReqT> pending = new PendingListener<>();
        io.vertx.core.Context vertxContext = Vertx.currentContext();
        Context grpcContext = Context.current();
        Uni<Principal> authentication = authenticator.authenticate(token);
        authentication.subscribe().with(
                principal -> resume(vertxContext, grpcContext, () -> pending.start(
                        admit(call, headers, next, CallerIdentity.of(principal, "", source), permission.get(),
                                false, arrived))),
                failure -> resume(vertxContext, grpcContext, () -> {
                    pending.refuse();
                    call.close(statusOf(failure), new Metadata());
                }));
        return pending;
    }

    private CallerIdentity relayed(String assertion, String relayedBy, String source) {
        Principal principal = verify(assertion);
        String relay = "";
        if (relayedBy != null) {
            Principal service = verify(relayedBy);
            if (!Principals.KIND_SERVICE.equals(service.getKind())) {
                throw new InvalidAssertionException("only a service relays calls");
            }
            relay = service.getSubject();
        } else if (!Principals.KIND_SERVICE.equals(principal.getKind())) {
            // Assertions are handed only to services; a person's arrives relayed by one.
            throw new InvalidAssertionException("a relayed caller needs the relaying service's assertion");
        }
        return CallerIdentity.of(principal, relay, source);
    }

    private Principal verify(String assertion) {
        java.time.Instant now = clock.instant();
        PrincipalAssertions.Verified known = verified.getIfPresent(assertion);
        if (known != null && now.isBefore(known.expiresAt())) {
            return known.principal();
        }
        PrincipalAssertions.Verified fresh = PrincipalAssertions.verified(assertion, principalKey.get(), now);
        verified.put(assertion, fresh);
        return fresh.principal();
    }

    /**
     * Lets a verified caller in, or refuses it when it holds the permission nowhere. The audit trail
     * gets every call that used a mutating permission or a secret, and every refusal.
     */
    private <ReqT, RespT> ServerCall.Listener<ReqT> admit(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next, CallerIdentity caller, String permission, boolean relayedCaller,
            long arrived) {
        String method = call.getMethodDescriptor().getFullMethodName();
        io.vertx.core.Context vertxContext = Vertx.currentContext();
        String traceparent = headers.get(TRACEPARENT);
        String correlationId = io.opsplane.platform.trace.TraceContext.correlationIdOf(headers.get(BAGGAGE), traceparent);
        if (!caller.authority().holdsAnywhere(permission)) {
            Status denied = Status.PERMISSION_DENIED.withDescription("no role of the caller grants " + permission);
            trail.record(vertxContext, new io.opsplane.platform.audit.AuditTrail.Call(caller, method, permission, "", "",
                    denied, denied.getDescription(), correlationId, traceparent));
            return refuse(call, denied);
        }
        boolean audited = PermissionCatalog.isMutating(permission) || "secrets:use".equals(permission);
        CallNote note = new CallNote();
        ServerCall<ReqT, RespT> watched = new io.grpc.ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                if (audited || status.getCode() == Status.Code.PERMISSION_DENIED) {
                    trail.record(vertxContext, new io.opsplane.platform.audit.AuditTrail.Call(caller, method, permission,
                            note.resource(), note.summary(), status, status.getDescription() == null ? ""
                                    : status.getDescription(), correlationId, traceparent));
                }
                super.close(status, trailers);
            }
        };
        admissions.admitted(relayedCaller, arrived);
        return Contexts.interceptCall(Context.current().withValue(Callers.KEY, caller).withValue(Callers.NOTE, note),
                watched, headers, next);
    }

    private static <ReqT> ServerCall.Listener<ReqT> refuse(ServerCall<ReqT, ?> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }

    private static void resume(io.vertx.core.Context vertxContext, Context grpcContext, Runnable step) {
        Runnable inContext = grpcContext.wrap(step);
        if (vertxContext != null) {
            vertxContext.runOnContext(ignored -> inContext.run());
        } else {
            inContext.run();
        }
    }

    private static Status statusOf(Throwable failure) {
        failure = io.opsplane.platform.grpc.GrpcErrors.toStatus(failure);
        if (failure instanceof StatusRuntimeException e) {
            Status status = e.getStatus();
            if (status.getCode() == Status.Code.UNAUTHENTICATED) {
                return Status.UNAUTHENTICATED.withDescription(INVALID);
            }
            if (status.getCode() == Status.Code.PERMISSION_DENIED || status.getCode() == Status.Code.UNAVAILABLE
                    || status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
                LOG.warnf("caller verification failed: %s", status);
                return Status.UNAVAILABLE.withDescription("caller verification is unavailable; try again shortly");
            }
        }
        LOG.warnf("caller verification failed: %s", failure.toString());
        return Status.UNAVAILABLE.withDescription("caller verification is unavailable; try again shortly");
    }

    static boolean isOpen(String fullMethodName) {
        return fullMethodName.startsWith("grpc.health.v1.") || fullMethodName.startsWith("grpc.reflection.");
    }

    static Optional<String> requiredPermission(MethodDescriptor<?, ?> method) {
        if (method.getSchemaDescriptor() instanceof ProtoMethodDescriptorSupplier supplier) {
            return PermissionCatalog.requiredBy(supplier.getMethodDescriptor());
        }
        // A standard protocol's method (OTLP's Export), served without a descriptor that could declare one.
        return PermissionCatalog.requiredByForeign(method.getFullMethodName());
    }

    private static String sourceAddress(ServerCall<?, ?> call) {
        SocketAddress address = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return address == null ? "" : address.toString();
    }
}
