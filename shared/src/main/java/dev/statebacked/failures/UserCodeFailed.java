package dev.statebacked.failures;

/** The machine's code threw, ran too long, used too much or produced an invalid state; nothing was written. */
public final class UserCodeFailed extends DomainException {
    public UserCodeFailed(String message) {
        super(message);
    }
}
