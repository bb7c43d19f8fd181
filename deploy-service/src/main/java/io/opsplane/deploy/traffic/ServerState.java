package io.opsplane.deploy.traffic;

/** HAProxy's administrative state of a server, as {@code set server ... state} takes it. */
public enum ServerState {
    READY,
    /** Only sticky and persistent sessions still reach it; used before retiring a server. */
    DRAIN,
    MAINT;

    String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
