package dev.statebacked.messaging;

/** Carries out one message; throwing leaves it on the queue, to be delivered again (at most 5 receives in all). */
public interface MessageHandler {
    void handle(Message message);
}
