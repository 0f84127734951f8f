package dev.statebacked.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.local.LocalStack;
import dev.statebacked.local.StackFile;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** `statebacked dlq` finds the running local stack's queues through its stack.json. */
class DlqCommandTest {
    private static Path dataDir;
    private static LocalStack stack;
    private static SqsClient sqs;

    @BeforeAll
    static void startStack() {
        stack = RunningLocalStack.get();
        dataDir = RunningLocalStack.dataDir();
        StackFile queues = stack.stackFile();
        sqs = SqsClient.builder()
                .endpointOverride(URI.create(queues.sqsEndpoint()))
                .region(Region.of(queues.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    @AfterAll
    static void closeClient() {
        sqs.close();
    }

    @Test
    void listShowsTheParkedMessageAndRedriveMovesItOut() {
        String dlq = stack.stackFile().deadLetterQueueUrl();
        String id = sqs.sendMessage(b -> b.queueUrl(dlq).messageBody("{\"kind\":\"nobody-handles-this\"}"))
                .messageId();

        CliRun listed = run("dlq", "list", "--data-dir", dataDir.toString());

        assertThat(listed.exitCode()).isEqualTo(0);
        assertThat(listed.stdout().lines().toList())
                .hasSize(2)
                .satisfiesExactly(
                        line -> assertThat(line)
                                .startsWith(id + "  sent ")
                                .contains("  receives 1  ")
                                .endsWith("  {\"kind\":\"nobody-handles-this\"}"),
                        line -> assertThat(line).isEqualTo("1 message(s) in the dead-letter queue"));

        CliRun redriven = run("dlq", "redrive", "--data-dir", dataDir.toString());

        assertThat(redriven.exitCode()).isEqualTo(0);
        assertThat(redriven.stdout().strip()).isEqualTo("redrove 1 message(s) to the work queue");
        // the stack's worker takes it from the work queue (and fails it, but only after minutes of retries)
        assertThat(sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(1)).messages())
                .isEmpty();
    }

    @Test
    void redriveOfAnIdNotInTheQueueMovesNothing() {
        CliRun redriven = run("dlq", "redrive", "--id", "no-such-message", "--data-dir", dataDir.toString());

        assertThat(redriven.exitCode()).isEqualTo(0);
        assertThat(redriven.stdout().strip()).isEqualTo("redrove 0 message(s) to the work queue");
    }

    @Test
    void withoutAStackFileOrQueueUrlsItIsOneLineAndExitCodeOne(@TempDir Path empty) {
        CliRun result = run("dlq", "list", "--data-dir", empty.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr().strip())
                .isEqualTo("statebacked dlq: no running local stack in " + empty
                        + " (no stack.json); start one with ./statebacked local or pass --queue-url and --dlq-url");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void aQueueUrlNeedsTheDeadLetterQueueUrlToo() {
        CliRun result = run("dlq", "list", "--queue-url", "https://sqs.example/work");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("--dlq-url");
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
