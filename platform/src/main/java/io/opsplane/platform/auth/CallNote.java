package io.opsplane.platform.auth;

/**
 * What a service method says about its call for the audit trail: the object it concerned (set by
 * {@link Callers#require}) and a short summary without secrets (set with {@link Callers#note}).
 */
public final class CallNote {

    private volatile String resource = "";
    private volatile String summary = "";

    public String resource() {
        return resource;
    }

    public String summary() {
        return summary;
    }

    void resource(String value) {
        resource = value == null ? "" : value;
    }

    void summary(String value) {
        String text = value == null ? "" : value;
        summary = text.length() > 500 ? text.substring(0, 500) : text;
    }
}
