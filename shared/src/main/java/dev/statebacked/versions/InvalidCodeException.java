package dev.statebacked.versions;

/** Uploaded code that does not load or lacks what it must export. */
public final class InvalidCodeException extends RuntimeException {
    public InvalidCodeException(String message) {
        super(message);
    }
}
