package io.opsplane.observability.telemetry;

import java.util.List;

/**
 * What an OTLP request becomes: the rows to store, and OTLP's partial success (how many items were not
 * accepted and why, the first reason only; empty when all were).
 */
public record Translated<T>(List<T> rows, long rejected, String message) {
}
