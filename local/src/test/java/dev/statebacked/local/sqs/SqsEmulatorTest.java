package dev.statebacked.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class SqsEmulatorTest {
    @TempDir
    Path dataDir;

    @Test
    void messagesAndQueuesSurviveARestartOnTheSameDirectory() {
        try (SqsEmulator sqsEmulator = SqsEmulator.start(dataDir, 0);
                SqsClient sqs = TestClients.sqs(sqsEmulator.endpoint())) {
            String url = sqs.createQueue(
                            b -> b.queueName("work").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "7")))
                    .queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("first"));
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("second"));
        }

        try (SqsEmulator sqsEmulator = SqsEmulator.start(dataDir, 0);
                SqsClient sqs = TestClients.sqs(sqsEmulator.endpoint())) {
            String url = sqs.getQueueUrl(b -> b.queueName("work")).queueUrl();
            assertThat(url).startsWith(sqsEmulator.endpoint().toString());
            assertThat(sqs.getQueueAttributes(
                                    b -> b.queueUrl(url).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                            .attributes())
                    .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "7");
            assertThat(receiveAll(sqs, url)).extracting(Message::body).containsExactlyInAnyOrder("first", "second");
        }
    }

    @Test
    void aSecondDirectoryStartsEmpty() {
        try (SqsEmulator sqsEmulator = SqsEmulator.start(dataDir.resolve("a"), 0);
                SqsClient sqs = TestClients.sqs(sqsEmulator.endpoint())) {
            sqs.createQueue(b -> b.queueName("only-in-a"));
        }
        try (SqsEmulator sqsEmulator = SqsEmulator.start(dataDir.resolve("b"), 0);
                SqsClient sqs = TestClients.sqs(sqsEmulator.endpoint())) {
            assertThat(sqs.listQueues().queueUrls()).isEmpty();
        }
    }

    @Test
    void queueArnsCarryTheLocalRegionAndAccount() {
        try (SqsEmulator sqsEmulator = SqsEmulator.start(dataDir, 0);
                SqsClient sqs = TestClients.sqs(sqsEmulator.endpoint())) {
            String url = sqs.createQueue(b -> b.queueName("named")).queueUrl();
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                            .attributes())
                    .containsEntry(QueueAttributeName.QUEUE_ARN, "arn:aws:sqs:us-east-1:000000000000:named");
        }
    }

    @Test
    void onlyOneEmulatorMayBeOpenInAJvm() {
        try (SqsEmulator ignored = SqsEmulator.start(dataDir.resolve("a"), 0)) {
            assertThatThrownBy(() -> SqsEmulator.start(dataDir.resolve("b"), 0))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    static List<Message> receiveAll(SqsClient sqs, String url) {
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            List<Message> batch = sqs.receiveMessage(
                            b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            all.addAll(batch);
            if (batch.isEmpty() && !all.isEmpty()) {
                break;
            }
        }
        return all;
    }
}
