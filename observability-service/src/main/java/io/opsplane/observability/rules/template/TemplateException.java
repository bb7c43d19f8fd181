package io.opsplane.observability.rules.template;

/** A template that cannot be parsed or executed; the message reads as Prometheus reports it. */
public final class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }
}
