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
        sqs.sendMessage(
                b -> b.queueUrl(queueUrl).messageBody(Messages.toJson(message)).delaySeconds(delaySeconds(delay)));
    }

    @Override
    public void retryLater(String receiptHandle, Duration delay) {
        sqs.changeMessageVisibility(
                b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle).visibilityTimeout((int)
                        Math.max(0, delay.toSeconds())));
    }

    @Override
    public void sendAll(List<? extends Message> messages) {
        sendDelayed(messages.stream().map(m -> new Delayed(m, Duration.ZERO)).toList());
    }

    @Override
    public void sendDelayed(List<Delayed> messages) {
        for (int from = 0; from < messages.size(); from += MAX_BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<Delayed> batch = messages.subList(from, Math.min(messages.size(), from + MAX_BATCH));
            for (int i = 0; i < batch.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageBody(Messages.toJson(batch.get(i).message()))
                        .delaySeconds(delaySeconds(batch.get(i).delay()))
                        .build());
            }
            SendMessageBatchResponse response =
                    sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException(
                        "SQS refused " + response.failed().size() + " message(s): "
                                + response.failed().getFirst().message());
            }
        }
    }

    private static int delaySeconds(Duration delay) {
        if (delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("SQS holds a message back for at most 15 minutes, not " + delay);
        }
        return (int) Math.max(0, delay.toSeconds());
    }
}
