package dev.statebacked.security;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.engine.EngineSettings;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.StackOfItsOwn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Machine code that hoards memory, in one call or tick by tick from a timer, is stopped at the memory budget of
 * its event (here 256 MiB) with a clear error, its context is discarded, and the events of other machines go on
 * succeeding meanwhile.
 */
class MemoryHoardingIsStoppedTest {
    private static final int BUDGET_MB = 256;

    @RegisterExtension
    static final StackOfItsOwn stack = new StackOfItsOwn(Map.of(
            EngineSettings.MEMORY_VARIABLE, String.valueOf(BUDGET_MB), "STATEBACKED_SETTLE_BUDGET_SECONDS", "20"));

    private static MachineInstances hoarders;
    private static MachineInstances togglers;

    @BeforeAll
    static void deploy() {
        hoarders = stack.instancesOf("hoarder.js");
        togglers = stack.instancesOf("toggler.js");
    }

    @Test
    void aGuardThatHoardsFailsItsEventWithTheBudgetNamedAndChangesNothing() {
        String name = freshName("hoarder");
        hoarders.created(name, null);

        ApiClient.Response hoarded = hoarders.send(name, "hoard-in-a-guard");

        assertThat(hoarded.status()).as(hoarded.body()).isEqualTo(400);
        assertThat(hoarded.body()).contains("UserCodeLimitExceeded").contains(BUDGET_MB + " MiB");
        assertThat(hoarders.get(name).json().path("state").asText()).isEqualTo("idle");
        assertThat(hoarders.sent(name, "ping")
                        .path("publicContext")
                        .path("pings")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aServiceThatHoardsTickByTickIsStoppedAndItsErrorEventNamesTheBudget() {
        String name = freshName("ticking-hoarder");
        hoarders.created(name, null);

        ApiClient.Response started = hoarders.send(name, "hoard-from-a-timer");

        assertThat(started.status())
                .as("the event itself was written: " + started.body())
                .isEqualTo(200);
        assertThat(started.json().path("state").asText()).isEqualTo("hoarding");
        var next = hoarders.sent(name, "ping");
        assertThat(next.path("state").asText())
                .as("the stopped service's error event came first")
                .isEqualTo("idle");
        assertThat(next.path("publicContext").path("stopped").asText()).contains(BUDGET_MB + " MiB");
    }

    @Test
    void otherMachinesEventsSucceedWhileHoardersAreStopped() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ApiClient.Response>> hoarding = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String name = freshName("concurrent-hoarder");
                hoarders.created(name, null);
                hoarding.add(pool.submit(() -> hoarders.send(name, "hoard-in-a-guard")));
            }
            String toggler = freshName("bystander");
            togglers.created(toggler, null);
            List<Integer> bystanderStatuses = new ArrayList<>();
            while (hoarding.stream().anyMatch(f -> !f.isDone())) {
                bystanderStatuses.add(togglers.send(toggler, "toggle").status());
            }
            for (Future<ApiClient.Response> f : hoarding) {
                assertThat(f.get().body()).contains("UserCodeLimitExceeded");
            }
            bystanderStatuses.add(togglers.send(toggler, "toggle").status());
            assertThat(bystanderStatuses)
                    .as("the bystander's answers while the hoarders ran")
                    .containsOnly(200);
        } finally {
            pool.shutdownNow();
        }
    }
}
