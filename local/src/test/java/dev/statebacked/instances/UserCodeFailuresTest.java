package dev.statebacked.instances;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.RunningStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * semantics.md, "Instances and events": a guard, action or authorizer that throws fails the request cleanly (an
 * error response, state unchanged); a context over 400 KB fails the same way; a user function that loops forever
 * is stopped. "Unchanged" is checked where a client sees it: the state read back and the length of the history.
 */
class UserCodeFailuresTest {
    private static final ApiClient admin = RunningStack.adminClient();
    private static MachineInstances instances;

    @BeforeAll
    static void deployCounter() {
        instances = new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "counter.js"));
    }

    /** An instance that already counted once: history of 2, count 1. */
    private static String countedOnce() {
        String instance = freshName("i");
        instances.created(instance, Map.of("public", Map.of("count", 0)));
        instances.sent(instance, "increment");
        return instance;
    }

    private static void assertUnchanged(String instance) {
        JsonNode state = instances.get(instance).json();
        assertThat(state.path("state").asText()).isEqualTo("counting");
        assertThat(state.path("publicContext").path("count").asInt()).isEqualTo(1);
        List<JsonNode> history = instances.history(instance);
        assertThat(history).hasSize(2);
        assertThat(history.getLast().path("event").path("type").asText()).isEqualTo("increment");
        assertThat(instances.admin(instance).json().path("context").has("padding"))
                .isFalse();
    }

    private static void assertUserCodeError(ApiClient.Response response, String jsMessage) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("error").asText()).contains(jsMessage);
    }

    @Test
    void aGuardThatThrowsFailsTheRequestWithItsMessageAndChangesNothing() {
        String instance = countedOnce();

        ApiClient.Response response = instances.send(instance, "guard-throws");

        assertUserCodeError(response, "the guard threw on purpose");
        assertUnchanged(instance);
    }

    @Test
    void anActionThatThrowsFailsTheRequestWithItsMessageAndChangesNothing() {
        String instance = countedOnce();

        ApiClient.Response response = instances.send(instance, "assign-throws");

        assertUserCodeError(response, "the assign threw on purpose");
        assertUnchanged(instance);
    }

    @Test
    void anAuthorizerThatThrowsFailsTheRequestWithItsMessageAndChangesNothing() {
        String instance = countedOnce();

        ApiClient.Response response = instances.send(instance, "authorizer-throws");

        assertUserCodeError(response, "the authorizer threw on purpose");
        assertUnchanged(instance);
    }

    @Test
    void aContextOver400KbFailsTheRequestAndChangesNothing() {
        String instance = countedOnce();

        ApiClient.Response tooBig = instances.send(instance, Map.of("type", "grow", "bytes", 410 * 1024));

        assertThat(tooBig.status()).as(tooBig.body()).isEqualTo(400);
        assertThat(tooBig.json().path("error").asText()).containsIgnoringCase("context");
        assertUnchanged(instance);
        // {"public":{"count":1},"secret":"never leaves the instance","padding":"..."}: 72 bytes besides the padding
        JsonNode fits = instances.sent(instance, Map.of("type", "grow", "bytes", 400 * 1024 - 128));
        assertThat(fits.path("state").asText())
                .as("a context just under the limit is fine")
                .isEqualTo("stopped");
        assertThat(instances.sent(instance, "resume").path("state").asText()).isEqualTo("counting");
        assertThat(instances
                        .admin(instance)
                        .json()
                        .path("context")
                        .path("padding")
                        .asText())
                .hasSize(400 * 1024 - 128);
    }

    @Test
    void aGuardThatLoopsForeverIsStoppedAndTheNextEventWorks() {
        String instance = countedOnce();
        long started = System.nanoTime();

        ApiClient.Response looped = instances.send(instance, "guard-loops");

        assertThat(looped.status()).as(looped.body()).isEqualTo(400);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertUnchanged(instance);
        JsonNode next = instances.sent(instance, "increment");
        assertThat(next.path("publicContext").path("count").asInt()).isEqualTo(2);
        assertThat(instances.history(instance)).hasSize(3);
    }

    @Test
    void afterAFailureTheInstanceKeepsWorking() {
        String instance = countedOnce();
        instances.send(instance, "guard-throws");
        instances.send(instance, "assign-throws");

        JsonNode next = instances.sent(instance, "increment");

        assertThat(next.path("publicContext").path("count").asInt()).isEqualTo(2);
        assertThat(instances.history(instance))
                .extracting(t -> t.path("event").path("type").asText())
                .containsExactly("xstate.init", "increment", "increment");
    }
}
