package dev.statebacked.instances;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.functions.ApiHandler;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Eventually;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.StackOfItsOwn;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API answers before API Gateway gives up (here: after 2 s instead of 25) while settling goes on in the
 * processor function: with the stored state when the event's first transition was written, else a 504 saying the
 * event is still being processed.
 */
class AnswerWithinApiGatewayLimitTest {
    @RegisterExtension
    static final StackOfItsOwn stack = new StackOfItsOwn(Map.of(ApiHandler.ANSWER_WITHIN, "2"));

    private static MachineInstances instances;

    @BeforeAll
    static void deploy() {
        instances = stack.instancesOf("slow-service.js");
    }

    @Test
    void anEventStillSettlingAtTheDeadlineAnswersTheStateAfterItsFirstTransition() {
        String name = freshName("slow");
        instances.created(name, null);

        long started = System.nanoTime();
        ApiClient.Response answer = instances.send(name, Map.of("type", "wait", "ms", 6000));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("state").asText()).isEqualTo("waiting");
        assertThat(waited).as("answered at the deadline, not when settled").isLessThan(Duration.ofSeconds(5));
        JsonNode settled = Eventually.poll(
                Duration.ofSeconds(20),
                () -> instances.get(name).json(),
                s -> s.path("state").asText().equals("finished"));
        assertThat(settled.path("publicContext").path("waited").asInt())
                .as("the service finished in the processor")
                .isEqualTo(6000);
    }

    @Test
    void anEventQueuedBehindASettlingOneAnswers504AndIsAppliedAfterwards() {
        String name = freshName("queued");
        instances.created(name, null);
        CompletableFuture<ApiClient.Response> first =
                CompletableFuture.supplyAsync(() -> instances.send(name, Map.of("type", "wait", "ms", 6000)));
        Eventually.poll(
                Duration.ofSeconds(10),
                () -> instances.get(name).json(),
                s -> s.path("state").asText().equals("waiting"));

        ApiClient.Response second = instances.send(name, "again");

        assertThat(second.status()).as(second.body()).isEqualTo(504);
        assertThat(second.code()).isEqualTo("timeout");
        assertThat(first.join().status()).isEqualTo(200);
        JsonNode after = Eventually.poll(
                Duration.ofSeconds(20),
                () -> instances.get(name).json(),
                s -> s.path("state").asText().equals("idle"));
        assertThat(instances.history(name))
                .extracting(t -> t.path("event").path("type").asText())
                .as("the queued event was applied once, after the first settled")
                .containsExactly("xstate.init", "wait", "done.invoke.slow", "again");
        assertThat(after.path("state").asText()).isEqualTo("idle");
    }
}
