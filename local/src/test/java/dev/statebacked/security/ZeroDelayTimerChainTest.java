package dev.statebacked.security;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.StackOfItsOwn;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A service that re-arms a zero-delay timer forever ({@code const tick = () => setTimeout(tick, 0)}) cannot
 * escape the settle budget: the request answers when the budget is spent, the service is stopped, and the
 * instance's next event is processed at once, after the stopped service's error event.
 */
class ZeroDelayTimerChainTest {
    private static final Duration BUDGET = Duration.ofSeconds(3);

    @RegisterExtension
    static final StackOfItsOwn stack = StackOfItsOwn.withSettleBudget(BUDGET);

    private static MachineInstances instances;

    @BeforeAll
    static void deploy() {
        instances = stack.instancesOf("timer-chain.js");
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
        assertThat(took)
                .as("answered when the budget was spent")
                .isBetween(BUDGET.minusMillis(200), BUDGET.plusSeconds(3));

        long poked = System.nanoTime();
        ApiClient.Response next = instances.send(name, "poke");

        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - poked))
                .as("no thread is left spinning on the instance")
                .isLessThan(Duration.ofSeconds(3));
        assertThat(next.json().path("state").asText())
                .as("the stopped service's error event came first")
                .isEqualTo("stopped");
        assertThat(next.json().path("publicContext").path("poked").asBoolean()).isTrue();
    }
}
