package dev.statebacked.messaging;

import java.time.Duration;
import java.util.List;

/** The work queue, as the core needs it (SQS on AWS and locally). */
public interface MessageQueue {
    /** The longest delay the queue itself can hold a message back (SQS: 15 minutes). */
    Duration MAX_DELAY = Duration.ofMinutes(15);
    /** Receives of a message before the queue moves it to the dead-letter queue (the template's maxReceiveCount). */
    int MAX_RECEIVES = 5;

    /** Enqueues {@code message}, invisible for {@code delay} (at most {@link #MAX_DELAY}). */
    void send(Message message, Duration delay);

    /** Enqueues each message at once. */
    void sendAll(List<? extends Message> messages);

    /** Enqueues each message, held back for its own delay. */
    void sendDelayed(List<Delayed> messages);

    /** A message and how long the queue holds it back (at most {@link #MAX_DELAY}). */
    record Delayed(Message message, Duration delay) {}

    /** A received message that failed: deliver it again after {@code delay} (its visibility timeout). */
    void retryLater(String receiptHandle, Duration delay);
}
