package dev.statebacked.local;

/** A reason the local stack cannot start that the user can act on; its message is one line. */
public final class LocalStackException extends RuntimeException {
    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
