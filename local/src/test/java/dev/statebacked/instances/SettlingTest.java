package dev.statebacked.instances;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.RunningStack;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** semantics.md, "Settling": the request returns the state once the instance's ephemeral services finished. */
class SettlingTest {

    @Test
    void anEventReturnsTheStateAfterAnInvokedPromiseResolvedAndItsOnDoneRan() {
        ApiClient admin = RunningStack.adminClient();
        MachineInstances instances = new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "services.js"));
        String instance = freshName("settles");
        instances.created(instance, null);
        long started = System.nanoTime();

        JsonNode settled = instances.sent(instance, "wait-2s");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(settled.path("state").asText()).isEqualTo("finished");
        assertThat(settled.path("publicContext").path("answer").asInt()).isEqualTo(42);
        assertThat(instances.history(instance)).extracting(t -> t.path("event").path("type").asText() + " -> "
                + t.path("state").asText()).containsExactly(
                "xstate.init -> idle",
                "wait-2s -> waiting",
                "done.invoke.two-seconds -> finished");
    }
}
