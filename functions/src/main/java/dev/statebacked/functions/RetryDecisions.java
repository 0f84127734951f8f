package dev.statebacked.functions;

import dev.statebacked.failures.Conflict;
import dev.statebacked.failures.DomainException;
import dev.statebacked.failures.InvalidInput;
import dev.statebacked.failures.NoMigrationPath;
import dev.statebacked.failures.NotFound;
import dev.statebacked.failures.RejectedByAuthorizer;
import dev.statebacked.failures.StillProcessing;
import dev.statebacked.failures.TooLarge;
import dev.statebacked.failures.UploadRefused;
import dev.statebacked.failures.UserCodeFailed;
import dev.statebacked.messaging.Message;
import dev.statebacked.messaging.MessageHandler;
import dev.statebacked.messaging.ReceiverNotReadyException;

/**
 * The queue worker's one mapping of a domain failure to when its message is tried again: soon, backing off (the
 * receiver is not ready: {@link ReceiverNotReadyException}), or after the usual retry delay. Either way a message
 * goes to the dead-letter queue after its last attempt.
 */
final class RetryDecisions implements MessageHandler {
    enum Retry {
        /** The first retry after a second, each further one twice as late (up to the retry delay). */
        SOON,
        /** After the retry delay (about 30 s). */
        AFTER_THE_RETRY_DELAY
    }

    private final MessageHandler handler;

    RetryDecisions(MessageHandler handler) {
        this.handler = handler;
    }

    static Retry retryOf(Message message, DomainException failure) {
        return switch (failure) {
            // an event for an instance still being created (a child, typically) lands once it exists
            case NotFound notFound when message instanceof Message.Event -> Retry.SOON;
            // a machine or version that is not there does not come soon, if at all
            case NotFound notFound -> Retry.AFTER_THE_RETRY_DELAY;
            // paused, busy or changed meanwhile: may pass later
            case Conflict conflict -> Retry.AFTER_THE_RETRY_DELAY;
            case RejectedByAuthorizer rejected -> Retry.AFTER_THE_RETRY_DELAY;
            case UserCodeFailed userCode -> Retry.AFTER_THE_RETRY_DELAY;
            case InvalidInput invalid -> Retry.AFTER_THE_RETRY_DELAY;
            case TooLarge tooLarge -> Retry.AFTER_THE_RETRY_DELAY;
            case UploadRefused refused -> Retry.AFTER_THE_RETRY_DELAY;
            case NoMigrationPath noPath -> Retry.AFTER_THE_RETRY_DELAY;
            case StillProcessing stillProcessing -> Retry.AFTER_THE_RETRY_DELAY;
        };
    }

    @Override
    public void handle(Message message) {
        try {
            handler.handle(message);
        } catch (DomainException failure) {
            if (retryOf(message, failure) == Retry.SOON) {
                throw new ReceiverNotReadyException(failure.getMessage(), failure);
            }
            throw failure;
        }
    }

    @Override
    public void gaveUp(Message message, String reason) {
        handler.gaveUp(message, reason);
    }
}
