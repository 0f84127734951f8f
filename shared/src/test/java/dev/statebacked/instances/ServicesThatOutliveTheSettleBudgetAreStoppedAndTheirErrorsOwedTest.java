package dev.statebacked.instances;

import static dev.statebacked.instances.InMemoryProcesses.await;
import static dev.statebacked.instances.InMemoryProcesses.event;
import static dev.statebacked.instances.InMemoryProcesses.inBackground;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A send waits for its services no longer than the settle budget: then they are stopped, each one's
 * {@code error.platform.<id>} event is owed and the claim cleared, in one write; the owed events are delivered before
 * the instance's next event. While it waits, the settler renews its claim every third of the claim's duration.
 */
class ServicesThatOutliveTheSettleBudgetAreStoppedAndTheirErrorsOwedTest {
    private static final String MACHINE = "services";
    private static final String INSTANCE = "s1";
    /** The shape of local's services.js: a service that never finishes within any budget. */
    private static final String SERVICES = """
            import { createMachine, assign } from "xstate";

            export const allowRead = () => true;
            export const allowWrite = () => true;

            export default createMachine({
              id: "services",
              predictableActionArguments: true,
              initial: "idle",
              context: { public: {} },
              states: {
                idle: { on: { "wait-forever": "hanging" } },
                hanging: {
                  invoke: {
                    id: "forever",
                    src: () => new Promise((resolve) => setTimeout(resolve, 3600000)),
                    onDone: "finished",
                    onError: { target: "failed", actions: assign({ public: (_, event) => ({ error: event.data.message }) }) },
                  },
                },
                finished: {},
                failed: { on: { retry: "recovered" } },
                recovered: {},
              },
            });
            """;

    private static final Duration BUDGET = Duration.ofSeconds(1);
    private static final Duration CLAIM_DURATION = Duration.ofMillis(300);
    private static final Duration RENEWAL = CLAIM_DURATION.dividedBy(3);

    private final InMemoryProcesses processes = new InMemoryProcesses();
    /** Every write of the instance with the time it landed. */
    private final List<Landed> landed = Collections.synchronizedList(new ArrayList<>());

    private record Landed(Instant at, Change change, Instance after) {}

    @Test
    void theSendReturnsOnceTheBudgetIsSpentAndTheStoppedServicesErrorIsDeliveredBeforeTheNextEvent() {
        InMemoryProcesses.Process process = processes.process(
                new SettleBudget(BUDGET, BUDGET.plusSeconds(5)), CLAIM_DURATION, (before, after, change) -> {
                    after.ifPresent(a -> landed.add(new Landed(processes.now(), change, a)));
                    // the settler renews its claim after each wait for its services: time passes by one wait
                    if (change instanceof Change.Updated
                            && after.flatMap(Instance::claim).isPresent()) {
                        processes.clock.advance(RENEWAL);
                    }
                });
        processes.deploy(MACHINE, SERVICES);
        processes.create(process, MACHINE, INSTANCE);
        landed.clear();
        Instant sent = processes.now();

        InstanceState state = await(
                inBackground("settling", () -> processes.send(process, MACHINE, INSTANCE, event("wait-forever"))));

        // it returned with the service stopped, once the budget was spent
        assertThat(state.value().asText()).isEqualTo("hanging");
        assertThat(processes.now()).isAfterOrEqualTo(sent.plus(BUDGET));
        // the claim was written with the transition that started the service, renewed while it ran, never lapsing
        Landed started = landed.getFirst();
        assertThat(started.change()).isInstanceOf(Change.Transitioned.class);
        String owner = started.after().claim().orElseThrow().owner();
        List<Landed> claimed =
                landed.stream().filter(l -> l.after().claim().isPresent()).toList();
        assertThat(claimed).hasSize(1 + (int) (BUDGET.toMillis() / RENEWAL.toMillis()));
        for (int i = 0; i < claimed.size(); i++) {
            SettleClaim claim = claimed.get(i).after().claim().orElseThrow();
            assertThat(claim.owner()).isEqualTo(owner);
            assertThat(claim.expiresAtMillis())
                    .isEqualTo(claimed.get(i).at().plus(CLAIM_DURATION).toEpochMilli());
            if (i > 0) {
                assertThat(claimed.get(i).at().toEpochMilli())
                        .isLessThan(
                                claimed.get(i - 1).after().claim().orElseThrow().expiresAtMillis());
            }
        }
        // then one write cleared the claim and recorded the stopped service's error as owed
        Landed released = landed.getLast();
        assertThat(landed.indexOf(released)).isEqualTo(claimed.size());
        assertThat(released.change()).isInstanceOf(Change.Updated.class);
        Instance after = processes.instance(MACHINE, INSTANCE);
        assertThat(after.sequence()).isEqualTo(released.after().sequence());
        assertThat(after.claim()).isEmpty();
        assertThat(after.owedEvents()).hasSize(1);
        JsonNode owed = after.owedEvents().getFirst();
        assertThat(owed.path("type").asText()).isEqualTo("error.platform.forever");
        assertThat(owed.path("data").path("message").asText())
                .isEqualTo("settle budget of 1 s ran out before the service finished");
        assertThat(processes.eventTypes(MACHINE, INSTANCE)).containsExactly("xstate.init", "wait-forever");

        InstanceState next =
                await(inBackground("next", () -> processes.send(process, MACHINE, INSTANCE, event("retry"))));

        // the owed error went first: it took the instance to "failed", where "retry" means something
        assertThat(processes.eventTypes(MACHINE, INSTANCE))
                .containsExactly("xstate.init", "wait-forever", "error.platform.forever", "retry");
        assertThat(next.value().asText()).isEqualTo("recovered");
        assertThat(next.publicContext().path("error").asText())
                .isEqualTo("settle budget of 1 s ran out before the service finished");
        assertThat(processes.instance(MACHINE, INSTANCE).owedEvents()).isEmpty();
        assertThat(processes.instance(MACHINE, INSTANCE).claim()).isEmpty();
    }

    @Test
    void anApiFunctionHandsAnInstanceThatOwesEventsOffInsteadOfDeliveringThem() {
        InMemoryProcesses.Process process = processes.process(
                new SettleBudget(BUDGET, BUDGET.plusSeconds(5)), CLAIM_DURATION, (before, after, change) -> {
                    if (change instanceof Change.Updated
                            && after.flatMap(Instance::claim).isPresent()) {
                        processes.clock.advance(RENEWAL);
                    }
                });
        processes.deploy(MACHINE, SERVICES);
        processes.create(process, MACHINE, INSTANCE);
        await(inBackground("settling", () -> processes.send(process, MACHINE, INSTANCE, event("wait-forever"))));
        long sequence = processes.instance(MACHINE, INSTANCE).sequence();

        Throwable handedOff = catchThrowable(() -> process.processor()
                .sendUnlessItSettles(
                        InMemoryProcesses.ORG,
                        InMemoryProcesses.CALLER.authContext(),
                        MACHINE,
                        INSTANCE,
                        event("retry")));

        assertThat(handedOff).isInstanceOf(SettlesElsewhere.class);
        assertThat(processes.instance(MACHINE, INSTANCE).sequence()).isEqualTo(sequence);
        assertThat(processes.instance(MACHINE, INSTANCE).owedEvents()).hasSize(1);
        assertThat(processes.eventTypes(MACHINE, INSTANCE)).containsExactly("xstate.init", "wait-forever");
    }
}
