package dev.statebacked.failures;

/**
 * The event was not processed within the time its caller is answered in; it still is, and the instance tells the
 * outcome later.
 */
public final class StillProcessing extends DomainException {
    public StillProcessing(String message) {
        super(message);
    }
}
