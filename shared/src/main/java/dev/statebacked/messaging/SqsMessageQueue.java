package dev.statebacked.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** {@link MessageQueue} on an SQS queue. */
public final class SqsMessageQueue implements MessageQueue {
    private static final int MAX_BATCH = 10;
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsMessageQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(Message message, Duration delay) {
        if (delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("SQS holds a message back for at most 15 minutes, not " + delay);
        }
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Messages.toJson(message))
                .delaySeconds((int) Math.max(0, delay.toSeconds())));
    }

    @Override
    public void retryLater(String receiptHandle, Duration delay) {
        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle)
                .visibilityTimeout((int) Math.max(0, delay.toSeconds())));
    }

    @Override
    public void sendAll(List<? extends Message> messages) {
        for (int from = 0; from < messages.size(); from += MAX_BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<? extends Message> batch = messages.subList(from, Math.min(messages.size(), from + MAX_BATCH));
            for (int i = 0; i < batch.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(Messages.toJson(batch.get(i))).build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("SQS refused " + response.failed().size() + " message(s): "
                        + response.failed().getFirst().message());
            }
        }
    }
}
