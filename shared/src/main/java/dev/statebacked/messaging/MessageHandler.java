package dev.statebacked.messaging;

/** Carries out one message; throwing leaves it on the queue, to be delivered again (at most 5 receives in all). */
public interface MessageHandler {
    void handle(Message message);

    /** {@code message} failed its last attempt and goes to the dead-letter queue: say so where its receiver's owner looks. */
    default void gaveUp(Message message, String reason) {}
}
