package dev.statebacked.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The operator's view of the dead-letter queue: list what is parked there and move it back to the work queue.
 * SQS has no "peek", so both receive every message (hidden from other receivers meanwhile) and then either
 * make it visible again at once or, for a re-drive, send it to the work queue and delete it.
 */
public final class DeadLetters {
    private static final int MAX_PER_RECEIVE = 10;
    /** Long enough that a message received once is not handed out again while the rest are being received. */
    private static final int HOLD_SECONDS = 30;
    /** A short long-poll: on SQS a 0 s receive samples only some servers and may answer empty too early. */
    private static final int WAIT_SECONDS = 1;

    private final SqsClient sqs;
    private final String deadLetterQueueUrl;
    private final String workQueueUrl;

    public DeadLetters(SqsClient sqs, String deadLetterQueueUrl, String workQueueUrl) {
        this.sqs = sqs;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.workQueueUrl = workQueueUrl;
    }

    /** Every message now in the dead-letter queue, in the order received; each stays in the queue. */
    public List<DeadLetter> list() {
        Map<String, Message> held = new LinkedHashMap<>();
        try {
            receiveAll(held, message -> false);
        } finally {
            release(held.values());
        }
        return held.values().stream().map(DeadLetters::deadLetter).toList();
    }

    /**
     * Moves every message (or only the one with {@code messageId}) to the work queue; returns how many moved.
     * A message is sent before it is deleted, so a failure in between leaves a copy in both queues, never none.
     */
    public int redrive(Optional<String> messageId) {
        int[] moved = {0};
        Map<String, Message> held = new LinkedHashMap<>();
        try {
            receiveAll(held, message -> {
                if (messageId.isPresent() && !messageId.get().equals(message.messageId())) {
                    return false;
                }
                sqs.sendMessage(b -> {
                    b.queueUrl(workQueueUrl).messageBody(message.body());
                    if (message.hasMessageAttributes()
                            && !message.messageAttributes().isEmpty()) {
                        b.messageAttributes(message.messageAttributes());
                    }
                });
                sqs.deleteMessage(b -> b.queueUrl(deadLetterQueueUrl).receiptHandle(message.receiptHandle()));
                moved[0]++;
                return true;
            });
        } finally {
            release(held.values());
        }
        return moved[0];
    }

    /**
     * Receives until the queue has nothing more to hand out, offering each message to {@code consume} (true: it
     * is gone from the queue). The others are left in {@code held}, by id, invisible until released.
     */
    private void receiveAll(Map<String, Message> held, Predicate<Message> consume) {
        while (true) {
            List<Message> received = sqs.receiveMessage(b -> b.queueUrl(deadLetterQueueUrl)
                            .maxNumberOfMessages(MAX_PER_RECEIVE)
                            .visibilityTimeout(HOLD_SECONDS)
                            .waitTimeSeconds(WAIT_SECONDS)
                            .messageSystemAttributeNames(
                                    MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                                    MessageSystemAttributeName.SENT_TIMESTAMP)
                            .messageAttributeNames("All"))
                    .messages();
            boolean anyNew = false;
            for (Message message : received) {
                // a message seen again (its hold ran out on a long listing) is kept once, with its newest handle
                boolean isNew = !held.containsKey(message.messageId());
                held.put(message.messageId(), message);
                if (isNew) {
                    anyNew = true;
                    if (consume.test(message)) {
                        held.remove(message.messageId());
                    }
                }
            }
            // nothing, or only messages already seen (their hold ran out on a long run): every message has been seen
            if (!anyNew) {
                return;
            }
        }
    }

    /** Makes held messages visible again now rather than when their hold runs out. */
    private void release(Collection<Message> messages) {
        List<Message> held = List.copyOf(messages);
        for (int from = 0; from < held.size(); from += MAX_PER_RECEIVE) {
            List<Message> chunk = held.subList(from, Math.min(from + MAX_PER_RECEIVE, held.size()));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(String.valueOf(i))
                        .receiptHandle(chunk.get(i).receiptHandle())
                        .visibilityTimeout(0)
                        .build());
            }
            // an entry that fails only stays hidden until its hold runs out: nothing is lost, so no error
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(deadLetterQueueUrl).entries(entries));
        }
    }

    private static DeadLetter deadLetter(Message message) {
        Map<MessageSystemAttributeName, String> attributes = message.attributes();
        String sent = attributes.get(MessageSystemAttributeName.SENT_TIMESTAMP);
        String receives = attributes.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return new DeadLetter(
                message.messageId(),
                message.body(),
                sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)),
                receives == null ? 0 : Integer.parseInt(receives));
    }
}
