package dev.statebacked.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a batch of queue messages: those for one instance in order (timer wake-ups by due time), different
 * instances at the same time (a thread each). A message that cannot be delivered (unparseable, unknown kind, handler failure)
 * is reported as failed and made visible again after the retry delay, so the queue's redrive policy retries it
 * and finally parks it in the dead-letter queue instead of losing it.
 */
public final class MessageDispatcher {
    /** Seconds between the attempts of a failing message (semantics: about 30 s). */
    public static final String RETRY_DELAY_VARIABLE = "STATEBACKED_RETRY_DELAY_SECONDS";

    private static final Logger LOG = LoggerFactory.getLogger(MessageDispatcher.class);
    private static final ThreadFactory INSTANCE_THREADS =
            Thread.ofPlatform().daemon().name("message-delivery-", 0).factory();
    /**
     * The first retry of a message whose receiver is still being created; each further one waits twice as long (up
     * to the retry delay), so the five attempts span about 30 s: a creation slowed by a cold start still lands first.
     */
    private static final Duration RETRY_SOON = Duration.ofSeconds(1);

    private static final Comparator<Message> DUE_ORDER = Comparator.comparingLong(
            m -> m instanceof Message.TimerWakeUp wakeUp ? wakeUp.dueAtMillis() : Long.MIN_VALUE);
    private final MessageHandler handler;
    private final MessageQueue queue;
    private final Duration retryDelay;

    public MessageDispatcher(MessageHandler handler, MessageQueue queue, Duration retryDelay) {
        this.handler = handler;
        this.queue = queue;
        this.retryDelay = retryDelay;
    }

    public static Duration retryDelayFrom(Map<String, String> environment) {
        return Duration.ofSeconds(Long.parseLong(environment.getOrDefault(RETRY_DELAY_VARIABLE, "30")));
    }

    /** One message as received: the queue's id and receipt handle, the body, and how often it was received. */
    public record Received(String queueMessageId, String receiptHandle, String body, int receiveCount) {}

    /**
     * Returns the queue ids of the messages that failed (the rest may be deleted from the queue). A message counts
     * as delivered only once its handler returned: one whose thread died any other way is left to be tried again.
     */
    public Set<String> deliver(List<Received> batch) {
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        Map<String, List<Parsed>> byInstance = new LinkedHashMap<>();
        for (Received received : batch) {
            try {
                Message message = Messages.parse(received.body());
                byInstance
                        .computeIfAbsent(message.orgId() + "/" + message.receiver(), k -> new ArrayList<>())
                        .add(new Parsed(received, message));
            } catch (Messages.MalformedMessageException e) {
                LOG.warn(
                        "message {} is not a message ({}); leaving it for the dead-letter queue",
                        received.queueMessageId(),
                        e.getMessage());
                retryLater(received, retryDelay);
            }
        }
        // platform threads, as API requests get: user code runs in GraalJS contexts, which are entered per thread
        try (ExecutorService instancesAtOnce = Executors.newThreadPerTaskExecutor(INSTANCE_THREADS)) {
            for (List<Parsed> messages : byInstance.values()) {
                messages.sort(Comparator.comparing(Parsed::message, DUE_ORDER));
                instancesAtOnce.execute(() -> messages.forEach(parsed -> deliver(parsed, delivered)));
            }
        }
        return batch.stream()
                .map(Received::queueMessageId)
                .filter(id -> !delivered.contains(id))
                .collect(Collectors.toSet());
    }

    private record Parsed(Received received, Message message) {}

    private void deliver(Parsed parsed, Set<String> delivered) {
        try {
            handler.handle(parsed.message());
            delivered.add(parsed.received().queueMessageId());
        } catch (ReceiverNotReadyException e) {
            LOG.info("message {} waits for its receiver: {}", parsed.message().id(), e.getMessage());
            if (parsed.received().receiveCount() >= MessageQueue.MAX_RECEIVES) {
                giveUp(parsed.message(), e.getMessage());
            }
            retryLater(
                    parsed.received(), receiverNotReadyDelay(parsed.received().receiveCount()));
        } catch (RuntimeException e) {
            LOG.warn(
                    "message {} ({} for {}) failed: {}",
                    parsed.message().id(),
                    parsed.message().getClass().getSimpleName(),
                    parsed.message().receiver(),
                    e.toString());
            if (parsed.received().receiveCount() >= MessageQueue.MAX_RECEIVES) {
                giveUp(parsed.message(), e.getMessage());
            }
            retryLater(parsed.received(), retryDelay);
        } catch (Error e) {
            // the thread is the message's alone, and the message must be tried again, not lost
            LOG.error(
                    "message {} for {} failed",
                    parsed.message().id(),
                    parsed.message().receiver(),
                    e);
            retryLater(parsed.received(), retryDelay);
        }
    }

    private void giveUp(Message message, String reason) {
        LOG.warn(
                "message {} ({} for {}) failed its last attempt and goes to the dead-letter queue: {}",
                message.id(),
                message.getClass().getSimpleName(),
                message.receiver(),
                reason);
        try {
            handler.gaveUp(message, reason);
        } catch (RuntimeException e) {
            LOG.warn("could not record in {}'s logs that message {} was given up", message.receiver(), message.id(), e);
        }
    }

    Duration receiverNotReadyDelay(int receiveCount) {
        Duration backedOff = RETRY_SOON.multipliedBy(1L << Math.min(Math.max(receiveCount - 1, 0), 10));
        return backedOff.compareTo(retryDelay) < 0 ? backedOff : retryDelay;
    }

    private void retryLater(Received received, Duration delay) {
        try {
            queue.retryLater(received.receiptHandle(), delay);
        } catch (RuntimeException e) {
            LOG.warn(
                    "could not delay the retry of message {}; the queue's visibility timeout applies",
                    received.queueMessageId(),
                    e);
        }
    }
}
