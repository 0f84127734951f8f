package dev.statebacked.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link MessageQueue} in memory, for unit tests: the work queue as SQS and the worker's event source mapping
 * keep it, against a clock the test moves (a {@code ManualClock}).
 *
 * <ul>
 *   <li>Bodies are {@link Messages#toJson}, as {@link SqsMessageQueue} sends them; delays are whole seconds (the
 *   fraction dropped), at most {@link MessageQueue#MAX_DELAY}, negative ones none.</li>
 *   <li>A message is visible from its send plus its delay. Receiving it ({@link #receiveDue}) hides it for the
 *   visibility timeout (the template's 600 s), counts the receive and hands out a new receipt handle; it stays
 *   until deleted ({@link #delete}), and comes again when the timeout lapses, or when {@link #retryLater} says.</li>
 *   <li>A message received {@link MessageQueue#MAX_RECEIVES} times is moved to the dead-letter queue
 *   ({@link #deadLetters}) instead of being received again, as the redrive policy does.</li>
 *   <li>Messages are received earliest visible first, then in the order they were sent.</li>
 * </ul>
 *
 * <p>Tests take the due messages with {@link #takeDue} (received and deleted at once), or run the worker's path
 * with {@link #deliverDue}, e.g. {@code queue.deliverDue(dispatcher::deliver)}: the failed ones stay, to come back
 * when their {@code retryLater} delay (else the visibility timeout) is over.
 */
public final class InMemoryMessageQueue implements MessageQueue {
    /** The work queue's VisibilityTimeout in template.yaml. */
    public static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(600);
    /** SQS's longest visibility timeout. */
    private static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    private final Clock clock;
    private final Duration visibilityTimeout;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<Sent> sent = new ArrayList<>();
    private final List<Retry> retries = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private long sequence;
    private Consumer<List<Delayed>> beforeNextSend;

    public InMemoryMessageQueue(Clock clock) {
        this(clock, VISIBILITY_TIMEOUT);
    }

    public InMemoryMessageQueue(Clock clock, Duration visibilityTimeout) {
        this.clock = clock;
        this.visibilityTimeout = visibilityTimeout;
    }

    /** A message as it was sent: {@code delay} as asked for, {@code visibleAt} what the queue made of it. */
    public record Sent(Message message, Duration delay, Instant sentAt, Instant visibleAt) {}

    /** A {@link #retryLater} call, and the body of the message it was for. */
    public record Retry(String receiptHandle, String body, Duration delay, Instant at) {
        /** The message retried; throws {@link Messages.MalformedMessageException} for a body that is none. */
        public Message message() {
            return Messages.parse(body);
        }
    }

    private static final class Entry {
        final String id;
        final String body;
        final Instant sentAt;
        final long order;
        Instant visibleAt;
        int receiveCount;
        String receiptHandle;

        Entry(String id, String body, Instant sentAt, long order, Instant visibleAt) {
            this.id = id;
            this.body = body;
            this.sentAt = sentAt;
            this.order = order;
            this.visibleAt = visibleAt;
        }

        boolean inFlight(Instant now) {
            return receiptHandle != null && visibleAt.isAfter(now);
        }
    }

    // ---------------------------------------------------------------- the port

    @Override
    public void send(Message message, Duration delay) {
        sendDelayed(List.of(new Delayed(message, delay)));
    }

    @Override
    public void sendAll(List<? extends Message> messages) {
        sendDelayed(messages.stream().map(m -> new Delayed(m, Duration.ZERO)).toList());
    }

    @Override
    public void sendDelayed(List<Delayed> messages) {
        List<Delayed> batch = List.copyOf(messages);
        List<String> bodies = new ArrayList<>();
        for (Delayed delayed : batch) {
            delaySeconds(delayed.delay());
            bodies.add(Messages.toJson(delayed.message()));
        }
        Consumer<List<Delayed>> hook;
        synchronized (this) {
            hook = beforeNextSend;
            beforeNextSend = null;
        }
        if (hook != null && !batch.isEmpty()) {
            hook.accept(batch);
        }
        synchronized (this) {
            for (int i = 0; i < batch.size(); i++) {
                Entry entry = enqueue(bodies.get(i), batch.get(i).delay());
                sent.add(new Sent(batch.get(i).message(), batch.get(i).delay(), entry.sentAt, entry.visibleAt));
            }
        }
    }

    @Override
    public synchronized void retryLater(String receiptHandle, Duration delay) {
        Instant now = clock.instant();
        long seconds = Math.max(0, delay.toSeconds());
        if (seconds > MAX_VISIBILITY.toSeconds()) {
            throw new IllegalArgumentException("SQS hides a message for at most 12 hours, not " + delay);
        }
        Entry entry = entries.values().stream()
                .filter(e -> receiptHandle.equals(e.receiptHandle))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no message was received with the receipt handle "
                        + receiptHandle + " (deleted, or received again since)"));
        if (!entry.inFlight(now)) {
            throw new IllegalStateException(
                    "message " + entry.id + " is not in flight: its visibility timeout is over");
        }
        entry.visibleAt = now.plusSeconds(seconds);
        retries.add(new Retry(receiptHandle, entry.body, delay, now));
    }

    // ---------------------------------------------------------------- what tests do with it

    /**
     * Enqueues {@code body} as it is, as another sender may (the scheduler's target, or a sender of garbage):
     * held back for {@code delay}. Returns the queue's id of the message.
     */
    public synchronized String sendBody(String body, Duration delay) {
        delaySeconds(delay);
        return enqueue(body, delay).id;
    }

    /** Receives every message visible now (see {@link #receiveDue(int)}). */
    public List<MessageDispatcher.Received> receiveDue() {
        return receiveDue(Integer.MAX_VALUE);
    }

    /**
     * Receives up to {@code max} of the messages visible now, as the worker's event source does: each is hidden for
     * the visibility timeout, counted, and handed out with a new receipt handle (the old one no longer counts). One
     * already received {@link MessageQueue#MAX_RECEIVES} times goes to the dead-letter queue instead.
     */
    public synchronized List<MessageDispatcher.Received> receiveDue(int max) {
        Instant now = clock.instant();
        List<Entry> due = entries.values().stream()
                .filter(e -> !e.visibleAt.isAfter(now))
                .sorted(Comparator.<Entry, Instant>comparing(e -> e.visibleAt).thenComparingLong(e -> e.order))
                .toList();
        List<MessageDispatcher.Received> received = new ArrayList<>();
        for (Entry entry : due) {
            if (received.size() >= max) {
                break;
            }
            if (entry.receiveCount >= MAX_RECEIVES) {
                entries.remove(entry.id);
                deadLetters.add(new DeadLetter(entry.id, entry.body, entry.sentAt, entry.receiveCount));
                continue;
            }
            entry.receiveCount++;
            entry.receiptHandle = entry.id + "#" + entry.receiveCount;
            entry.visibleAt = now.plus(visibilityTimeout);
            received.add(new MessageDispatcher.Received(entry.id, entry.receiptHandle, entry.body, entry.receiveCount));
        }
        return received;
    }

    /** Deletes the message received with {@code receiptHandle}: it was handled. */
    public synchronized void delete(String receiptHandle) {
        entries.values().stream()
                .filter(e -> receiptHandle.equals(e.receiptHandle))
                .findFirst()
                .ifPresentOrElse(e -> entries.remove(e.id), () -> {
                    throw new IllegalArgumentException("no message was received with the receipt handle "
                            + receiptHandle + " (deleted, or received again since)");
                });
    }

    /** The messages visible now, received and deleted at once: the test handles them, or drops them. */
    public synchronized List<Message> takeDue() {
        List<MessageDispatcher.Received> received = receiveDue();
        received.forEach(r -> delete(r.receiptHandle()));
        return received.stream().map(r -> Messages.parse(r.body())).toList();
    }

    /**
     * One run of the worker, as the event source mapping drives it: receives the messages visible now, hands them
     * to {@code worker} (e.g. {@code dispatcher::deliver}), which returns the queue ids of those that failed, and
     * deletes the others. The failed ones come again when their visibility ends: after the worker's
     * {@link #retryLater}, else after the visibility timeout. Returns what was received; the queue's lock is not
     * held while the worker runs, so it may send.
     */
    public List<MessageDispatcher.Received> deliverDue(Function<List<MessageDispatcher.Received>, Set<String>> worker) {
        List<MessageDispatcher.Received> received = receiveDue();
        if (received.isEmpty()) {
            return received;
        }
        Set<String> failed = worker.apply(received);
        synchronized (this) {
            for (MessageDispatcher.Received r : received) {
                Entry entry = entries.get(r.queueMessageId());
                if (!failed.contains(r.queueMessageId())
                        && entry != null
                        && r.receiptHandle().equals(entry.receiptHandle)) {
                    entries.remove(entry.id);
                }
            }
        }
        return received;
    }

    /** Every message in the queue (visible, delayed or in flight), in the order they were sent. */
    public synchronized List<Message> messages() {
        return entries.values().stream().map(e -> Messages.parse(e.body)).toList();
    }

    /** How many messages are in the queue (visible, delayed or in flight). */
    public synchronized int size() {
        return entries.size();
    }

    /** When the next message not visible now becomes visible; empty when there is none. */
    public synchronized Optional<Instant> nextVisibleAt() {
        Instant now = clock.instant();
        return entries.values().stream()
                .map(e -> e.visibleAt)
                .filter(at -> at.isAfter(now))
                .min(Comparator.naturalOrder());
    }

    /** Every message sent through the port, in order (also those received and deleted since). */
    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Every {@link #retryLater} call, in order. */
    public synchronized List<Retry> retries() {
        return List.copyOf(retries);
    }

    /** The messages moved to the dead-letter queue, in order. */
    public synchronized List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /**
     * Runs {@code hook} once, on the sending thread, with the messages of the next send, sendAll or sendDelayed
     * before they are enqueued: a hook that throws makes that send fail with nothing enqueued.
     */
    public synchronized void beforeNextSend(Consumer<List<Delayed>> hook) {
        beforeNextSend = hook;
    }

    private Entry enqueue(String body, Duration delay) {
        Instant now = clock.instant();
        long order = ++sequence;
        Entry entry = new Entry("message-" + order, body, now, order, now.plusSeconds(delaySeconds(delay)));
        entries.put(entry.id, entry);
        return entry;
    }

    /** As {@link SqsMessageQueue}: whole seconds, none for a negative delay, at most 15 minutes. */
    private static long delaySeconds(Duration delay) {
        if (delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("SQS holds a message back for at most 15 minutes, not " + delay);
        }
        return Math.max(0, delay.toSeconds());
    }
}
