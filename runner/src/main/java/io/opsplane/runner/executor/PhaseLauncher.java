package io.opsplane.runner.executor;

import java.util.Map;

/** How an executor starts one phase of a job: the confinement around {@link InnerCommand}. */
interface PhaseLauncher {

    /**
     * The process to start for the phase, not yet started.
     *
     * @param runnerVariables variables of the runner's own for this phase (CI_JOB_STATUS for after_script)
     */
    ProcessBuilder processFor(Phase phase, Map<String, String> runnerVariables);

    /** How init.sh appears in the arguments of the job's init process, see {@link InnerCommand#initScript}. */
    String initScript();
}
