package io.opsplane.platform.access;

/** The answer to "may this principal do that": and which grant allowed it, or why nothing did. */
public record Decision(boolean allowed, String reason, Grant grantedBy) {

    static Decision allow(Grant grant, String permission, ResourceRef resource) {
        return new Decision(true, permission + " on " + resource + " is granted by " + grant, grant);
    }

    static Decision deny(String reason) {
        return new Decision(false, reason, null);
    }
}
