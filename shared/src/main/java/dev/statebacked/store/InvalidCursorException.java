package dev.statebacked.store;

/** A cursor that this store did not hand out. */
public final class InvalidCursorException extends RuntimeException {
    public InvalidCursorException(String cursor) {
        super("invalid cursor: " + cursor);
    }
}
