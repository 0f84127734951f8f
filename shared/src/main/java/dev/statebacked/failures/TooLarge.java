package dev.statebacked.failures;

/** What was given exceeds its size limit (uploaded code). */
public final class TooLarge extends DomainException {
    public TooLarge(String message) {
        super(message);
    }
}
