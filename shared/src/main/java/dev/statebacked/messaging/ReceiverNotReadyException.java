package dev.statebacked.messaging;

/**
 * The receiver of a message does not exist (yet): a child whose creation is still on its way, typically. The
 * message is tried again soon rather than after the usual retry delay; one whose receiver never appears still
 * ends in the dead-letter queue after its 5 attempts.
 */
public final class ReceiverNotReadyException extends RuntimeException {
    public ReceiverNotReadyException(String message, Throwable cause) {
        super(message, cause);
    }
}
