package dev.statebacked.failures;

/**
 * The current state forbids it: the name is taken, the instance is paused, busy or changed meanwhile, the version
 * is finalized already.
 */
public final class Conflict extends DomainException {
    public Conflict(String message) {
        super(message);
    }
}
