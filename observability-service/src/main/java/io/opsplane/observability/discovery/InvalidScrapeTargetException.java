package io.opsplane.observability.discovery;

/** A scrape target that cannot be added, with the field and the reason. */
public final class InvalidScrapeTargetException extends IllegalArgumentException {

    public InvalidScrapeTargetException(String message) {
        super(message);
    }
}
