package io.opsplane.pipeline.definition.model;

import java.util.List;

/**
 * The legacy {@code only:}/{@code except:}: refs (branch names, {@code /regex/}, or the keywords
 * {@code branches}, {@code tags}, {@code merge_requests}, {@code schedules}, {@code web}, {@code api},
 * {@code triggers}, {@code pipelines}, {@code pushes}), {@code variables} expressions and {@code changes} globs.
 */
public record OnlyExceptSpec(List<String> refs, List<String> variables, List<String> changes) {
}
