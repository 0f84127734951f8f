package dev.statebacked.local.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Plays Lambda's SQS event source mapping with {@code ReportBatchItemFailures} on: long-polls a queue, hands
 * each batch to the function as an {@link SQSEvent}, deletes the messages that did not fail and leaves the
 * failed ones alone, so that their visibility timeout makes SQS deliver them again (and, after the redrive
 * policy's receive count, move them to the dead-letter queue). A function that throws fails the whole batch,
 * as in Lambda.
 */
public final class SqsEventSourcePoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqsEventSourcePoller.class);

    /** Lambda's largest standard-queue batch without a batching window. */
    public static final int MAX_BATCH_SIZE = 10;
    /** Short long-polls, so that {@link #close()} returns within about a second. */
    private static final int WAIT_TIME_SECONDS = 1;
    /** Pause after SQS itself failed (emulator restarting, queue deleted), so as not to spin. */
    private static final long PAUSE_AFTER_ERROR_MILLIS = 1_000;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final Function<SQSEvent, SQSBatchResponse> function;
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean running = true;

    private SqsEventSourcePoller(
            SqsClient sqs, String queueUrl, String queueArn, Function<SQSEvent, SQSBatchResponse> function) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.region = SqsEvents.regionOf(queueArn);
        this.function = function;
    }

    /**
     * Starts polling at once.
     *
     * @param sqs a client for the queue's endpoint; it stays the caller's to close, after this poller
     * @param queueUrl the queue to poll
     * @param function the Lambda handler's logic: the batch in, the ids of the failed messages out
     * @param concurrentPollers how many batches may be in the function at the same time (at least 1)
     */
    public static SqsEventSourcePoller start(
            SqsClient sqs, String queueUrl, Function<SQSEvent, SQSBatchResponse> function, int concurrentPollers) {
        if (concurrentPollers < 1) {
            throw new IllegalArgumentException("concurrentPollers must be at least 1, was " + concurrentPollers);
        }
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        SqsEventSourcePoller poller = new SqsEventSourcePoller(sqs, queueUrl, queueArn, function);
        String queueName = queueArn.substring(queueArn.lastIndexOf(':') + 1);
        for (int i = 0; i < concurrentPollers; i++) {
            Thread thread = Thread.ofPlatform()
                    .daemon()
                    .name("sqs-poller-" + queueName + "-" + i)
                    .unstarted(poller::pollUntilClosed);
            poller.pollers.add(thread);
            thread.start();
        }
        return poller;
    }

    /** The ARN that the events carry as {@code eventSourceARN}. */
    public String queueArn() {
        return queueArn;
    }

    private void pollUntilClosed() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("polling {} failed; trying again in {} ms", queueUrl, PAUSE_AFTER_ERROR_MILLIS, e);
                sleepQuietly(PAUSE_AFTER_ERROR_MILLIS);
            }
        }
    }

    private void pollOnce() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                        .maxNumberOfMessages(MAX_BATCH_SIZE)
                        .waitTimeSeconds(WAIT_TIME_SECONDS)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages();
        if (messages.isEmpty()) {
            return;
        }
        Set<String> failed = invoke(SqsEvents.toEvent(messages, queueArn, region));
        List<DeleteMessageBatchRequestEntry> done = messages.stream()
                .filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder()
                        .id(m.messageId())
                        .receiptHandle(m.receiptHandle())
                        .build())
                .toList();
        if (!done.isEmpty()) {
            DeleteMessageBatchResponse deleted =
                    sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
            // a message not deleted is simply delivered again: the handlers are idempotent by design
            deleted.failed()
                    .forEach(f -> log.warn("could not delete message {} from {}: {}", f.id(), queueUrl, f.message()));
        }
    }

    /** Runs the function; returns the ids of the messages to leave on the queue. */
    private Set<String> invoke(SQSEvent event) {
        Set<String> all = new HashSet<>();
        event.getRecords().forEach(r -> all.add(r.getMessageId()));
        SQSBatchResponse response;
        try {
            response = function.apply(event);
        } catch (RuntimeException | Error e) {
            log.warn(
                    "the function failed on a batch of {} from {}; all of it will be delivered again",
                    all.size(),
                    queueUrl,
                    e);
            return all;
        }
        if (response == null || response.getBatchItemFailures() == null) {
            return Set.of();
        }
        Set<String> failed = new HashSet<>();
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            String id = failure.getItemIdentifier();
            if (id == null || !all.contains(id)) {
                // Lambda's rule: an unusable failure report fails the whole batch
                log.warn("the function reported a failure for unknown message id {}; failing the whole batch", id);
                return all;
            }
            failed.add(id);
        }
        return failed;
    }

    @Override
    public void close() {
        running = false;
        for (Thread poller : pollers) {
            try {
                // a long-poll ends within WAIT_TIME_SECONDS; a batch in the function is allowed to finish
                poller.join(TimeUnit.SECONDS.toMillis(WAIT_TIME_SECONDS + 30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
