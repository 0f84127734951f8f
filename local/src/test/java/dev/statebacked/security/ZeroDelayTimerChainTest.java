package dev.statebacked.security;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

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
 * A service that re-arms a zero-delay timer forever ({@code const tick = () => setTimeout(tick, 0)}) cannot
 * escape the settle budget: the request answers when the budget is spent, the service is stopped, and the
 * instance's next event is processed at once, after the stopped service's error event.
 */
class ZeroDelayTimerChainTest {
    private static final Duration BUDGET = Duration.ofSeconds(3);
    @TempDir
    static Path dataDir;
    private static LocalStack stack;
    private static MachineInstances instances;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(new LocalStack.Options(0, dataDir)
                .withSettings(Map.of("STATEBACKED_SETTLE_BUDGET_SECONDS", String.valueOf(BUDGET.toSeconds()))));
        ApiClient admin = ApiClient.admin(stack);
        instances = new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "timer-chain.js"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theChainEndsWithTheBudgetAndTheNextEventIsProcessedAfterItsErrorEvent() {
        String name = freshName("chain");
        instances.created(name, null);

        long started = System.nanoTime();
        ApiClient.Response spinning = instances.send(name, "start");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(spinning.status()).as(spinning.body()).isEqualTo(200);
        assertThat(spinning.json().path("state").asText()).isEqualTo("spinning");
        assertThat(took).as("answered when the budget was spent").isBetween(BUDGET.minusMillis(200), BUDGET.plusSeconds(3));

        long poked = System.nanoTime();
        ApiClient.Response next = instances.send(name, "poke");

        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - poked)).as("no thread is left spinning on the instance")
                .isLessThan(Duration.ofSeconds(3));
        assertThat(next.json().path("state").asText()).as("the stopped service's error event came first")
                .isEqualTo("stopped");
        assertThat(next.json().path("publicContext").path("poked").asBoolean()).isTrue();
    }
}
