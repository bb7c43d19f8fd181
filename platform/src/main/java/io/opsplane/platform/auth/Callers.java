package io.opsplane.platform.auth;

import io.grpc.Context;
import io.opsplane.platform.access.Decision;
import io.opsplane.platform.access.ResourceRef;
import io.opsplane.platform.errors.DomainException;

/**
 * The caller of the gRPC call being served. Read it at the start of a service method: the gRPC
 * context does not follow asynchronous continuations.
 */
public final class Callers {

    static final Context.Key<CallerIdentity> KEY = Context.key("opsplane-caller");
    static final Context.Key<CallNote> NOTE = Context.key("opsplane-call-note");

    private Callers() {
    }

    public static CallerIdentity current() {
        CallerIdentity caller = KEY.get();
        if (caller == null) {
            throw DomainException.unauthenticated("this call has no authenticated caller");
        }
        return caller;
    }

    /** A short summary of the current call for the audit trail; never put a secret in it. */
    public static void note(String summary) {
        CallNote note = NOTE.get();
        if (note != null) {
            note.summary(summary);
        }
    }

    /** The object the current call concerns, for the audit trail, when no {@link #require} named it. */
    public static void concerns(ResourceRef resource) {
        CallNote note = NOTE.get();
        if (note != null) {
            note.resource(resource.toString());
        }
    }


    /** Throws PERMISSION_DENIED with the reason unless the current caller may do it; the audit trail names the object. */
    public static CallerIdentity require(String permission, ResourceRef resource) {
        return new Pending(current(), NOTE.get(), permission).require(resource);
    }

    /**
     * For a call whose object is known only after a lookup (a run names its pipeline): refuses at once a
     * caller that holds {@code permission} nowhere, and keeps the caller for the decision on the object.
     */
    public static Pending later(String permission) {
        Pending pending = new Pending(current(), NOTE.get(), permission);
        if (!pending.caller().authority().holdsAnywhere(permission)) {
            throw DomainException.permissionDenied("no role of " + pending.caller().subject() + " grants " + permission);
        }
        return pending;
    }

    /** A caller whose permission on an object is decided once the object is known. */
    public record Pending(CallerIdentity caller, CallNote note, String permission) {

        /** Throws PERMISSION_DENIED with the reason unless the caller may do it on {@code resource}. */
        public CallerIdentity require(ResourceRef resource) {
            if (note != null) {
                note.resource(resource.toString());
            }
            Decision decision = caller.authority().decide(permission, resource);
            if (!decision.allowed()) {
                throw DomainException.permissionDenied(decision.reason());
            }
            return caller;
        }
    }
}
