package io.opsplane.runner.executor;

/** The parts of a job that run in shells of their own. */
enum Phase {
    /** before_script and script, in one shell. */
    SCRIPT("script", "script.sh"),
    AFTER_SCRIPT("after_script", "after_script.sh");

    final String label;
    final String scriptFile;

    Phase(String label, String scriptFile) {
        this.label = label;
        this.scriptFile = scriptFile;
    }
}
