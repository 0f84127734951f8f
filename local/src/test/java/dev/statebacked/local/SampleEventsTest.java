package dev.statebacked.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.statebacked.functions.ApiHandler;
import dev.statebacked.functions.ProcessorHandler;
import dev.statebacked.functions.QueueWorkerHandler;
import dev.statebacked.local.gateway.LocalLambdaContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each sample in events/ (what `sam local invoke` is given) runs through its handler on the local stack. */
class SampleEventsTest {
    private static final Path EVENTS = Path.of("..", "events");
    // Lambda's own deserializer matches property names without regard to case ("Records" vs records)
    private static final ObjectMapper LAMBDA_JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @TempDir
    static Path dataDir;

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(new LocalStack.Options(0, dataDir));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void everySampleEventNamesAHandler() throws Exception {
        try (Stream<Path> files = Files.list(EVENTS)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .isNotEmpty()
                    .allMatch(name -> name.startsWith("api-")
                            || name.startsWith("queue-worker-")
                            || name.startsWith("processor-"));
        }
    }

    @Test
    void theHealthSampleAnswersOk() throws Exception {
        APIGatewayV2HTTPResponse response = invokeApi("api-health.json");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"dynamodb\"");
    }

    @Test
    void theUnknownRouteSampleAnswersNotFoundInTheContractsShape() throws Exception {
        APIGatewayV2HTTPResponse response = invokeApi("api-unknown-route.json");

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
        assertThat(response.getBody()).contains("\"error\"");
    }

    @Test
    void theQueueSampleReportsUndeliverableMessagesAsBatchItemFailures() throws Exception {
        SQSEvent event =
                LAMBDA_JSON.readValue(EVENTS.resolve("queue-worker-batch.json").toFile(), SQSEvent.class);
        QueueWorkerHandler worker = new QueueWorkerHandler(stack.apiEnvironment());

        SQSBatchResponse response = worker.handleRequest(event, new LocalLambdaContext("QueueWorkerFunction", 100));

        assertThat(event.getRecords()).hasSize(2);
        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyElementsOf(event.getRecords().stream()
                        .map(SQSEvent.SQSMessage::getMessageId)
                        .toList());
    }

    @Test
    void theTimerSampleIsAWakeUpForAnInstanceThatIsGoneAndIsDropped() throws Exception {
        SQSEvent event =
                LAMBDA_JSON.readValue(EVENTS.resolve("queue-worker-timer.json").toFile(), SQSEvent.class);
        QueueWorkerHandler worker = new QueueWorkerHandler(stack.apiEnvironment());

        SQSBatchResponse response = worker.handleRequest(event, new LocalLambdaContext("QueueWorkerFunction", 100));

        assertThat(event.getRecords()).hasSize(1);
        assertThat(response.getBatchItemFailures())
                .as("nothing to retry: no pending timer, no instance")
                .isEmpty();
    }

    @Test
    void theProcessorSampleForAMachineThatDoesNotExistIsRefusedAsNotFound() throws Exception {
        ProcessorHandler processor = new ProcessorHandler(stack.environmentOf(LocalStack.PROCESSOR_FUNCTION));
        java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();

        processor.handleRequest(
                Files.newInputStream(EVENTS.resolve("processor-unknown-machine.json")),
                output,
                new LocalLambdaContext(LocalStack.PROCESSOR_FUNCTION, 100));

        assertThat(LAMBDA_JSON
                        .readTree(output.toByteArray())
                        .path("refused")
                        .path("failure")
                        .asText())
                .isEqualTo("not-found");
    }

    private static APIGatewayV2HTTPResponse invokeApi(String file) throws Exception {
        APIGatewayV2HTTPEvent event = LAMBDA_JSON.readValue(EVENTS.resolve(file).toFile(), APIGatewayV2HTTPEvent.class);
        return new ApiHandler(stack.apiEnvironment()).handleRequest(event, new LocalLambdaContext("ApiFunction", 100));
    }
}
