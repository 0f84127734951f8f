package dev.statebacked.instances;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.local.LocalStack;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.MachineInstances;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * semantics.md, "Settling": when the budget runs out after at least one successful transition, the latest state
 * is returned, the ephemeral children are stopped, and each gets an error event delivered before the next event.
 * A stack of its own, with a 3 s budget (one stack per JVM: this class does not use RunningStack).
 */
class SettleBudgetTest {
    private static final Duration BUDGET = Duration.ofSeconds(3);
    @TempDir
    static Path dataDir;
    private static LocalStack stack;
    private static MachineInstances instances;

    @BeforeAll
    static void startStackWithAShortBudget() {
        stack = LocalStack.start(new LocalStack.Options(0, dataDir)
                .withSettings(Map.of("STATEBACKED_SETTLE_BUDGET_SECONDS", String.valueOf(BUDGET.toSeconds()))));
        ApiClient admin = ApiClient.admin(stack);
        instances = new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "services.js"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aServiceThatOutlivesTheBudgetIsStoppedAndItsErrorEventGoesBeforeTheNextEvent() {
        String instance = freshName("budget");
        instances.created(instance, null);
        long started = System.nanoTime();

        JsonNode whenBudgetRanOut = instances.sent(instance, "wait-forever");

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isBetween(BUDGET.minusMillis(200), BUDGET.plusSeconds(3));
        assertThat(whenBudgetRanOut.path("state").asText()).as("the latest state").isEqualTo("hanging");

        JsonNode next = instances.sent(instance, "retry");

        assertThat(next.path("state").asText()).as("onError moved to failed, which handled retry").isEqualTo("recovered");
        assertThat(instances.history(instance)).extracting(t -> t.path("event").path("type").asText() + " -> "
                + t.path("state").asText()).containsExactly(
                "xstate.init -> idle",
                "wait-forever -> hanging",
                "error.platform.forever -> failed",
                "retry -> recovered");
        assertThat(instances.admin(instance).json().path("context").path("public").path("error").asText())
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
