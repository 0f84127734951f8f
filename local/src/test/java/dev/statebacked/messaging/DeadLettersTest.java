package dev.statebacked.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.local.sqs.TestClients;
import dev.statebacked.testing.RunningStack;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The dead-letter queue operations on the real SDK against ElasticMQ. The shared stack only lends its SQS
 * endpoint: each test makes its own pair of queues, so the stack's worker never sees these messages.
 */
class DeadLettersTest {
    private SqsClient sqs;
    private String deadLetterQueueUrl;
    private String workQueueUrl;
    private DeadLetters deadLetters;

    @BeforeEach
    void freshQueues() {
        sqs = TestClients.sqs(URI.create(RunningStack.get().stackFile().sqsEndpoint()));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        deadLetterQueueUrl =
                sqs.createQueue(b -> b.queueName("dlq-test-" + suffix)).queueUrl();
        workQueueUrl = sqs.createQueue(b -> b.queueName("work-test-" + suffix)).queueUrl();
        deadLetters = new DeadLetters(sqs, deadLetterQueueUrl, workQueueUrl);
    }

    @AfterEach
    void deleteQueues() {
        sqs.deleteQueue(b -> b.queueUrl(deadLetterQueueUrl));
        sqs.deleteQueue(b -> b.queueUrl(workQueueUrl));
        sqs.close();
    }

    @Test
    void listingShowsEveryMessageWithItsReceiveCountAndLeavesItInTheQueue() {
        Instant before = Instant.now().minusSeconds(1);
        // received twice already, as the work queue's retries would have; alone in the queue, so only it counts them
        String retried = park("{\"kind\":\"test\",\"n\":0}");
        for (int i = 0; i < 2; i++) {
            assertThat(sqs.receiveMessage(b -> b.queueUrl(deadLetterQueueUrl)
                                    .visibilityTimeout(0)
                                    .waitTimeSeconds(1))
                            .messages())
                    .extracting(Message::messageId)
                    .containsExactly(retried);
        }
        // more than one receive's worth, so the listing has to page
        List<String> bodies = IntStream.range(0, 13)
                .mapToObj(i -> "{\"kind\":\"test\",\"n\":" + i + "}")
                .toList();
        List<String> ids = new ArrayList<>(List.of(retried));
        bodies.stream().skip(1).map(this::park).forEach(ids::add);

        List<DeadLetter> first = deadLetters.list();

        assertThat(first).extracting(DeadLetter::messageId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(first).extracting(DeadLetter::body).containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(first).allSatisfy(letter -> assertThat(letter.sentAt()).isBetween(before, Instant.now()));
        assertThat(first)
                .filteredOn(letter -> letter.messageId().equals(retried))
                .extracting(DeadLetter::receiveCount)
                .containsExactly(3);
        assertThat(first)
                .filteredOn(letter -> !letter.messageId().equals(retried))
                .extracting(DeadLetter::receiveCount)
                .containsOnly(1);

        // at once, not after the listing's hold runs out: every message was made visible again
        List<DeadLetter> second = deadLetters.list();

        assertThat(second).extracting(DeadLetter::messageId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(second)
                .filteredOn(letter -> !letter.messageId().equals(retried))
                .extracting(DeadLetter::receiveCount)
                .containsOnly(2);
    }

    @Test
    void anEmptyDeadLetterQueueListsNothing() {
        assertThat(deadLetters.list()).isEmpty();
    }

    @Test
    void redriveMovesEveryMessageToTheWorkQueueAndEmptiesTheDeadLetterQueue() {
        List<String> bodies = IntStream.range(0, 12)
                .mapToObj(i -> "{\"kind\":\"test\",\"n\":" + i + "}")
                .toList();
        bodies.forEach(this::park);
        sqs.sendMessage(b -> b.queueUrl(deadLetterQueueUrl)
                .messageBody("with attributes")
                .messageAttributes(Map.of(
                        "origin",
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue("timer")
                                .build())));

        int moved = deadLetters.redrive(Optional.empty());

        assertThat(moved).isEqualTo(13);
        assertThat(deadLetters.list()).isEmpty();
        List<Message> redriven = receiveAll(workQueueUrl, 13);
        assertThat(redriven)
                .extracting(Message::body)
                .containsExactlyInAnyOrderElementsOf(concat(bodies, "with attributes"));
        assertThat(redriven)
                .filteredOn(m -> m.body().equals("with attributes"))
                .singleElement()
                .satisfies(m -> assertThat(m.messageAttributes().get("origin").stringValue())
                        .isEqualTo("timer"));
    }

    @Test
    void redriveOfOneIdMovesOnlyThatOne() {
        String kept = park("{\"n\":1}");
        String chosen = park("{\"n\":2}");
        String alsoKept = park("{\"n\":3}");

        assertThat(deadLetters.redrive(Optional.of(chosen))).isEqualTo(1);

        assertThat(receiveAll(workQueueUrl, 1)).extracting(Message::body).containsExactly("{\"n\":2}");
        // the others are visible again at once, not after the redrive's hold runs out
        assertThat(deadLetters.list()).extracting(DeadLetter::messageId).containsExactlyInAnyOrder(kept, alsoKept);
    }

    @Test
    void redriveOfAnUnknownIdMovesNothing() {
        String kept = park("{\"n\":1}");

        assertThat(deadLetters.redrive(Optional.of("no-such-message"))).isZero();

        assertThat(deadLetters.list()).extracting(DeadLetter::messageId).containsExactly(kept);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(workQueueUrl).waitTimeSeconds(1))
                        .messages())
                .isEmpty();
    }

    private String park(String body) {
        return sqs.sendMessage(b -> b.queueUrl(deadLetterQueueUrl).messageBody(body))
                .messageId();
    }

    /** Receives until {@code expected} messages arrived or a few seconds passed, whichever first. */
    private List<Message> receiveAll(String queueUrl, int expected) {
        List<Message> all = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (all.size() < expected && Instant.now().isBefore(deadline)) {
            all.addAll(sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageAttributeNames("All"))
                    .messages());
        }
        // and nothing beyond them
        all.addAll(sqs.receiveMessage(
                        b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages());
        return all;
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }
}
