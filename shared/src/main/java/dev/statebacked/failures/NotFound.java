package dev.statebacked.failures;

/** What was named does not exist: a machine, a version, an instance (for a message: not yet, maybe). */
public final class NotFound extends DomainException {
    public NotFound(String message) {
        super(message);
    }
}
