package dev.statebacked.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class SqsEventSourcePollerTest {
    @TempDir
    Path dataDir;

    private SqsEmulator emulator;
    private SqsClient sqs;

    @BeforeEach
    void start() {
        emulator = SqsEmulator.start(dataDir, 0);
        sqs = TestClients.sqs(emulator.endpoint());
    }

    @AfterEach
    void stop() {
        sqs.close();
        emulator.close();
    }

    @Test
    void aMessageThatFailedFiveTimesMovesToTheDeadLetterQueue() {
        String dlqUrl = sqs.createQueue(b -> b.queueName("work-dlq")).queueUrl();
        String dlqArn = arnOf(dlqUrl);
        String url = sqs.createQueue(b -> b.queueName("work")
                        .attributes(Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                "1",
                                QueueAttributeName.REDRIVE_POLICY,
                                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"5\"}")))
                .queueUrl();
        List<String> receiveCounts = new CopyOnWriteArrayList<>();

        try (SqsEventSourcePoller ignored = SqsEventSourcePoller.start(
                sqs,
                url,
                event -> {
                    event.getRecords()
                            .forEach(r -> receiveCounts.add(r.getAttributes().get("ApproximateReceiveCount")));
                    return failing(event.getRecords());
                },
                1)) {
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("poison"));

            List<Message> deadLetters = new ArrayList<>();
            await(Duration.ofSeconds(20), () -> {
                deadLetters.addAll(sqs.receiveMessage(b -> b.queueUrl(dlqUrl).waitTimeSeconds(1))
                        .messages());
                return !deadLetters.isEmpty();
            });

            assertThat(deadLetters).extracting(Message::body).containsExactly("poison");
            assertThat(receiveCounts).containsExactly("1", "2", "3", "4", "5");
        }
    }

    @Test
    void succeededMessagesAreDeletedAndFailedOnesAreDeliveredAgain() {
        String url = sqs.createQueue(
                        b -> b.queueName("work").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")))
                .queueUrl();
        List<String> handled = new CopyOnWriteArrayList<>();
        List<String> failedOnce = Collections.synchronizedList(new ArrayList<>());

        try (SqsEventSourcePoller ignored = SqsEventSourcePoller.start(
                sqs,
                url,
                event -> {
                    List<SQSEvent.SQSMessage> failures = new ArrayList<>();
                    for (SQSEvent.SQSMessage m : event.getRecords()) {
                        handled.add(m.getBody());
                        if (m.getBody().equals("flaky") && !failedOnce.contains(m.getBody())) {
                            failedOnce.add(m.getBody());
                            failures.add(m);
                        }
                    }
                    return failing(failures);
                },
                2)) {
            for (String body : List.of("a", "flaky", "b")) {
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
            }
            await(Duration.ofSeconds(10), () -> handled.size() >= 4);
        }

        assertThat(handled).containsExactlyInAnyOrder("a", "flaky", "b", "flaky");
        assertThat(visibleAndInFlight(url)).isZero();
    }

    @Test
    void aFunctionThatThrowsFailsTheWholeBatch() {
        String url = sqs.createQueue(
                        b -> b.queueName("work").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")))
                .queueUrl();
        List<String> handled = new CopyOnWriteArrayList<>();

        try (SqsEventSourcePoller ignored = SqsEventSourcePoller.start(
                sqs,
                url,
                event -> {
                    event.getRecords()
                            .forEach(r -> handled.add(
                                    r.getBody() + "#" + r.getAttributes().get("ApproximateReceiveCount")));
                    if (handled.size() <= 1) {
                        throw new IllegalStateException("the first attempt breaks");
                    }
                    return SQSBatchResponse.builder()
                            .withBatchItemFailures(List.of())
                            .build();
                },
                1)) {
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
            await(Duration.ofSeconds(10), () -> handled.size() >= 2);
        }

        assertThat(handled).containsExactly("m#1", "m#2");
        assertThat(visibleAndInFlight(url)).isZero();
    }

    @Test
    void eventsCarryTheQueueArnRegionAndMessageAttributes() {
        String url = sqs.createQueue(b -> b.queueName("work")).queueUrl();
        List<SQSEvent.SQSMessage> seen = new CopyOnWriteArrayList<>();

        try (SqsEventSourcePoller poller = SqsEventSourcePoller.start(
                sqs,
                url,
                event -> {
                    seen.addAll(event.getRecords());
                    return null; // a function returning nothing succeeded with every message, as in Lambda
                },
                1)) {
            sqs.sendMessage(b -> b.queueUrl(url)
                    .messageBody("hello")
                    .messageAttributes(Map.of(
                            "kind",
                            MessageAttributeValue.builder()
                                    .dataType("String")
                                    .stringValue("timer")
                                    .build())));
            await(Duration.ofSeconds(10), () -> !seen.isEmpty());
            assertThat(poller.queueArn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:work");
        }

        SQSEvent.SQSMessage message = seen.getFirst();
        assertThat(message.getBody()).isEqualTo("hello");
        assertThat(message.getMessageId()).isNotBlank();
        assertThat(message.getReceiptHandle()).isNotBlank();
        assertThat(message.getEventSource()).isEqualTo("aws:sqs");
        assertThat(message.getEventSourceArn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:work");
        assertThat(message.getAwsRegion()).isEqualTo("us-east-1");
        assertThat(message.getAttributes())
                .containsEntry("ApproximateReceiveCount", "1")
                .containsKey("SentTimestamp");
        assertThat(message.getMessageAttributes().get("kind").getStringValue()).isEqualTo("timer");
        assertThat(message.getMessageAttributes().get("kind").getDataType()).isEqualTo("String");
        assertThat(visibleAndInFlight(url)).isZero();
    }

    @Test
    void concurrentPollersRunBatchesAtTheSameTime() throws InterruptedException {
        String url = sqs.createQueue(b -> b.queueName("work")).queueUrl();
        CountDownLatch bothInside = new CountDownLatch(2);
        List<String> handled = new CopyOnWriteArrayList<>();

        try (SqsEventSourcePoller ignored = SqsEventSourcePoller.start(
                sqs,
                url,
                event -> {
                    bothInside.countDown();
                    try {
                        // the first batch stays in the function until a second poller brings the other message in
                        assertThat(bothInside.await(10, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    event.getRecords().forEach(r -> handled.add(r.getBody()));
                    return null;
                },
                2)) {
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("first"));
            await(Duration.ofSeconds(5), () -> bothInside.getCount() == 1);
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("second"));
            assertThat(bothInside.await(5, TimeUnit.SECONDS)).isTrue();
            await(Duration.ofSeconds(5), () -> handled.size() == 2);
        }

        assertThat(handled).containsExactlyInAnyOrder("first", "second");
    }

    private static SQSBatchResponse failing(List<SQSEvent.SQSMessage> messages) {
        return SQSBatchResponse.builder()
                .withBatchItemFailures(messages.stream()
                        .map(m -> SQSBatchResponse.BatchItemFailure.builder()
                                .withItemIdentifier(m.getMessageId())
                                .build())
                        .toList())
                .build();
    }

    private String arnOf(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    private int visibleAndInFlight(String url) {
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    static void await(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + limit);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
