package dev.statebacked.instances;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.StackOfItsOwn;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * semantics.md, "Settling": when the budget runs out after at least one successful transition, the latest state
 * is returned, the ephemeral children are stopped, and each gets an error event delivered before the next event.
 * A stack of its own, with a 3 s budget (one stack per JVM: this class does not use RunningStack).
 */
class SettleBudgetTest {
    private static final Duration BUDGET = Duration.ofSeconds(3);

    @RegisterExtension
    static final StackOfItsOwn stack = StackOfItsOwn.withSettleBudget(BUDGET);

    private static MachineInstances instances;

    @BeforeAll
    static void deploy() {
        instances = stack.instancesOf("services.js");
    }

    @Test
    void aServiceThatOutlivesTheBudgetIsStoppedAndItsErrorEventGoesBeforeTheNextEvent() {
        String instance = freshName("budget");
        instances.created(instance, null);
        long started = System.nanoTime();

        JsonNode whenBudgetRanOut = instances.sent(instance, "wait-forever");

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isBetween(BUDGET.minusMillis(200), BUDGET.plusSeconds(3));
        assertThat(whenBudgetRanOut.path("state").asText())
                .as("the latest state")
                .isEqualTo("hanging");

        JsonNode next = instances.sent(instance, "retry");

        assertThat(next.path("state").asText())
                .as("onError moved to failed, which handled retry")
                .isEqualTo("recovered");
        assertThat(instances.history(instance))
                .extracting(t -> t.path("event").path("type").asText() + " -> "
                        + t.path("state").asText())
                .containsExactly(
                        "xstate.init -> idle",
                        "wait-forever -> hanging",
                        "error.platform.forever -> failed",
                        "retry -> recovered");
        assertThat(instances
                        .admin(instance)
                        .json()
                        .path("context")
                        .path("public")
                        .path("error")
                        .asText())
                .contains("budget");
    }

    @Test
    void aServiceThatFinishesWithinTheBudgetIsNotInterrupted() {
        String instance = freshName("within");
        instances.created(instance, null);

        JsonNode settled = instances.sent(instance, "wait-2s");

        assertThat(settled.path("state").asText()).isEqualTo("finished");
        JsonNode next = instances.sent(instance, "again");
        assertThat(next.path("state").asText()).isEqualTo("idle");
        assertThat(instances.history(instance)).hasSize(4);
    }
}
