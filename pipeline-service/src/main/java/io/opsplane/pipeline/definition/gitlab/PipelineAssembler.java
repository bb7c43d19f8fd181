package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.InvalidDefinitionException;
import io.opsplane.pipeline.definition.model.JobSpec;
import io.opsplane.pipeline.definition.model.NeedSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code parallel} jobs into their instances and checks the pipeline as a whole: known stages, unique names,
 * at most {@value #MAX_JOBS} jobs, {@code needs} and {@code dependencies} that name jobs of this pipeline in the same
 * or an earlier stage (dependencies among the needs when both are given), and needs without cycles. A need on a
 * parallel job means all of its instances unless {@code parallel: matrix} narrows it.
 */
final class PipelineAssembler {

    static final int MAX_JOBS = 500;
    /** Generous: GitLab accepts matrix names longer than 255 characters (Salsa CI's are). */
    static final int MAX_NAME_LENGTH = 1024;
    private static final Pattern MATRIX_REFERENCE = Pattern.compile("\\$\\[\\[\\s*matrix\\.(\\w+)\\s*\\]\\]");

    private final List<String> stages;
    private final List<JobDraft> drafts;
    private final Map<String, List<String>> instancesOf = new LinkedHashMap<>();
    private final Map<String, JobDraft> draftOf = new HashMap<>();
    private final Map<String, Map<String, String>> matrixOf = new HashMap<>();

    PipelineAssembler(List<String> stages, List<JobDraft> drafts) {
        this.stages = stages;
        this.drafts = drafts;
    }

    List<JobSpec> assemble() throws InvalidDefinitionException {
        name();
        List<JobSpec> jobs = new ArrayList<>();
        for (JobDraft draft : drafts) {
            if (!stages.contains(draft.stage())) {
                throw Where.job(draft.name()).at("stage").error(draft.stagePosition(), "unknown stage '"
                        + draft.stage() + "' (stages: " + String.join(", ", stages) + ")");
            }
            List<String> names = instancesOf.get(draft.name());
            for (int i = 0; i < names.size(); i++) {
                jobs.add(instance(draft, names.get(i), i));
            }
        }
        checkCycles(jobs);
        return jobs;
    }

    /** Names every instance, refusing duplicates, over-long names and too many jobs. */
    private void name() throws InvalidDefinitionException {
        Map<String, String> origin = new HashMap<>();
        int total = 0;
        for (JobDraft draft : drafts) {
            List<String> names = draft.parallel().total() == 0 ? List.of(draft.name())
                    : draft.parallel().names(draft.name());
            total += names.size();
            if (total > MAX_JOBS) {
                throw Where.job(draft.name()).error(draft.position(), "brings the pipeline to " + total + " jobs"
                        + (names.size() > 1 ? " (parallel expands it to " + names.size() + ")" : "") + "; at most "
                        + MAX_JOBS + " jobs are allowed");
            }
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                if (name.length() > MAX_NAME_LENGTH) {
                    throw Where.job(draft.name()).error(draft.position(), "the job name '" + name.substring(0, 40)
                            + "...' is longer than " + MAX_NAME_LENGTH + " characters");
                }
                String previous = origin.putIfAbsent(name, draft.name());
                if (previous != null) {
                    throw Where.job(draft.name()).error(draft.position(), "the job name '" + name + "' is used twice"
                            + (previous.equals(draft.name()) ? " by its parallel expansion" : " (also by job '"
                            + previous + "')"));
                }
                draftOf.put(name, draft);
                matrixOf.put(name, draft.parallel().combinations().isEmpty() ? Map.of()
                        : draft.parallel().combinations().get(i));
            }
            instancesOf.put(draft.name(), names);
        }
    }

    private JobSpec instance(JobDraft draft, String name, int index) throws InvalidDefinitionException {
        Map<String, String> matrix = matrixOf.get(name);
        Map<String, String> variables = new LinkedHashMap<>(draft.variables());
        variables.putAll(matrix);
        boolean numbered = draft.parallel().total() > 0 && draft.parallel().combinations().isEmpty();
        int stage = stages.indexOf(draft.stage());
        Optional<List<NeedSpec>> needs = Optional.empty();
        Set<String> neededNames = new LinkedHashSet<>();
        if (draft.needs().isPresent()) {
            List<NeedSpec> resolved = new ArrayList<>();
            for (NeedRef ref : draft.needs().get()) {
                List<String> targets = targets(draft, ref, matrix);
                if (targets.isEmpty()) {
                    if (!ref.optional()) {
                        throw Where.job(draft.name()).at("needs").error(ref.position(), "'" + ref.job()
                                + "' is not a job of this pipeline");
                    }
                    resolved.add(new NeedSpec(ref.job(), ref.artifacts(), true));
                    continue;
                }
                for (String target : targets) {
                    checkStage(draft, "needs", ref.position(), target, stage);
                    resolved.add(new NeedSpec(target, ref.artifacts(), ref.optional()));
                    neededNames.add(target);
                }
            }
            needs = Optional.of(resolved);
        }
        Optional<List<String>> dependencies = Optional.empty();
        if (draft.dependencies().isPresent()) {
            List<String> resolved = new ArrayList<>();
            for (JobRef ref : draft.dependencies().get()) {
                List<String> targets = byName(ref.name());
                if (targets.isEmpty()) {
                    throw Where.job(draft.name()).at("dependencies").error(ref.position(), "'" + ref.name()
                            + "' is not a job of this pipeline");
                }
                for (String target : targets) {
                    checkStage(draft, "dependencies", ref.position(), target, stage);
                    if (needs.isPresent() && !neededNames.contains(target)) {
                        throw Where.job(draft.name()).at("dependencies").error(ref.position(), "'" + target
                                + "' must also be listed in needs");
                    }
                    resolved.add(target);
                }
            }
            dependencies = Optional.of(resolved);
        }
        return new JobSpec(name, draft.stage(), draft.beforeScript(), draft.script(), draft.afterScript(), variables,
                draft.rules(), draft.only(), draft.except(), draft.when(), draft.startIn(), draft.allowFailure(),
                draft.retry(), draft.timeout(), needs, dependencies, draft.artifacts(), draft.cache(),
                draft.resourceGroup(), draft.interruptible(), draft.environment(), draft.tags(), draft.coverage(),
                draft.trigger(), draft.image(), draft.services(), matrix, numbered ? index + 1 : 0,
                numbered ? draft.parallel().total() : 0, draft.position().line(), draft.inheritedVariables(),
                draft.rawVariables(), draft.secrets());
    }

    /** A job name (non-parallel or one instance), or a parallel job's base name meaning all its instances. */
    private List<String> byName(String name) {
        if (draftOf.containsKey(name)) {
            return List.of(name);
        }
        return instancesOf.getOrDefault(name, List.of());
    }

    private List<String> targets(JobDraft draft, NeedRef ref, Map<String, String> ownMatrix)
            throws InvalidDefinitionException {
        if (ref.matrix().isEmpty()) {
            return byName(ref.job());
        }
        List<String> targets = new ArrayList<>();
        for (Map<String, List<String>> entry : ref.matrix()) {
            List<List<String>> combinations = new ArrayList<>();
            combinations.add(new ArrayList<>());
            for (Map.Entry<String, List<String>> variable : entry.entrySet()) {
                List<List<String>> next = new ArrayList<>();
                for (List<String> prefix : combinations) {
                    for (String value : variable.getValue()) {
                        List<String> extended = new ArrayList<>(prefix);
                        extended.add(substitute(draft, ref, value, ownMatrix));
                        next.add(extended);
                    }
                }
                combinations = next;
            }
            for (List<String> values : combinations) {
                String name = Parallel.matrixName(ref.job(), values);
                if (draftOf.containsKey(name)) {
                    targets.add(name);
                }
            }
        }
        return targets;
    }

    /** {@code $[[ matrix.NAME ]]} is the needing job's own value of NAME. */
    private static String substitute(JobDraft draft, NeedRef ref, String value, Map<String, String> ownMatrix)
            throws InvalidDefinitionException {
        Matcher matcher = MATRIX_REFERENCE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String own = ownMatrix.get(matcher.group(1));
            if (own == null) {
                throw Where.job(draft.name()).at("needs:parallel:matrix").error(ref.position(), "'"
                        + matcher.group() + "' names a matrix variable this job does not have");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(own));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private void checkStage(JobDraft draft, String keyword, Position position, String target, int stage)
            throws InvalidDefinitionException {
        JobDraft other = draftOf.get(target);
        if (stages.indexOf(other.stage()) > stage) {
            throw Where.job(draft.name()).at(keyword).error(position, "'" + target + "' is in stage '"
                    + other.stage() + "', which comes after this job's stage '" + draft.stage() + "'");
        }
    }

    /** Needs within a stage could wait on each other for ever: refuse a cycle, naming it. */
    private void checkCycles(List<JobSpec> jobs) throws InvalidDefinitionException {
        Map<String, JobSpec> byName = new HashMap<>();
        jobs.forEach(job -> byName.put(job.name(), job));
        Map<String, Integer> state = new HashMap<>();
        for (JobSpec job : jobs) {
            List<String> path = new ArrayList<>();
            visit(job, byName, state, path);
        }
    }

    private void visit(JobSpec job, Map<String, JobSpec> byName, Map<String, Integer> state, List<String> path)
            throws InvalidDefinitionException {
        Integer seen = state.get(job.name());
        if (seen != null && seen == 2) {
            return;
        }
        if (seen != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(job.name()), path.size()));
            cycle.add(job.name());
            JobDraft draft = draftOf.get(cycle.get(0));
            throw Where.job(cycle.get(0)).at("needs").error(draft.needsPosition(), "needs form a cycle: "
                    + String.join(" → ", cycle));
        }
        state.put(job.name(), 1);
        path.add(job.name());
        for (NeedSpec need : job.needs().orElse(List.of())) {
            JobSpec target = byName.get(need.job());
            if (target != null) {
                visit(target, byName, state, path);
            }
        }
        path.remove(path.size() - 1);
        state.put(job.name(), 2);
    }
}
