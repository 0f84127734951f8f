package dev.statebacked.instances;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.RunningStack;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** semantics.md, "Settling": the request returns the state once the instance's ephemeral services finished. */
class SettlingTest {

    private static final ApiClient admin = RunningStack.adminClient();
    private static MachineInstances instances;

    @BeforeAll
    static void deployServices() {
        instances = new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "services.js"));
    }

    @Test
    void anEventReturnsTheStateAfterAnInvokedPromiseResolvedAndItsOnDoneRan() {
        String instance = freshName("settles");
        instances.created(instance, null);
        long started = System.nanoTime();

        JsonNode settled = instances.sent(instance, "wait-2s");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(settled.path("state").asText()).isEqualTo("finished");
        assertThat(settled.path("publicContext").path("answer").asInt()).isEqualTo(42);
        assertThat(instances.history(instance))
                .extracting(t -> t.path("event").path("type").asText() + " -> "
                        + t.path("state").asText())
                .containsExactly("xstate.init -> idle", "wait-2s -> waiting", "done.invoke.two-seconds -> finished");
    }

    @Test
    void aServiceEventTheMachineFailsOnIsDroppedAndItsServiceIsOwedAnErrorEventBeforeTheNextEvent() {
        String instance = freshName("done-throws");
        instances.created(instance, null);

        ApiClient.Response accepted = instances.send(instance, "done-throws");

        assertThat(accepted.status())
                .as("the caller's event was written; its service's failure is not the caller's")
                .isEqualTo(200);
        assertThat(accepted.json().path("state").asText()).isEqualTo("throwingOnDone");
        JsonNode next = instances.sent(instance, "retry");
        assertThat(next.path("state").asText()).isEqualTo("recovered");
        assertThat(instances.history(instance))
                .extracting(t -> t.path("event").path("type").asText() + " -> "
                        + t.path("state").asText())
                .containsExactly(
                        "xstate.init -> idle",
                        "done-throws -> throwingOnDone",
                        "error.platform.resolves-into-a-throwing-assign -> failed",
                        "retry -> recovered");
    }

    @Test
    void deletingAnInstanceWaitsUntilTheEventBeingProcessedSettled() throws Exception {
        String instance = freshName("deleted-while-settling");
        instances.created(instance, null);
        CompletableFuture<ApiClient.Response> event =
                CompletableFuture.supplyAsync(() -> instances.send(instance, "wait-2s"));
        awaitState(instance, "waiting");

        ApiClient.Response deleted = instances.delete(instance);

        assertThat(event.get(30, TimeUnit.SECONDS).json().path("state").asText())
                .as("the event settled before the delete ran")
                .isEqualTo("finished");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(instances.get(instance).status()).isEqualTo(404);
        assertThat(admin.get(instances.path(instance) + "/events").status()).isEqualTo(404);
    }

    private static void awaitState(String instance, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!state.equals(instances.get(instance).json().path("state").asText())) {
            assertThat(System.nanoTime())
                    .as("instance %s reached %s in time", instance, state)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
