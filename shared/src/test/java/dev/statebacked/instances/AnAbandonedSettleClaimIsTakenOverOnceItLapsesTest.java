package dev.statebacked.instances;

import static dev.statebacked.instances.InMemoryProcesses.await;
import static dev.statebacked.instances.InMemoryProcesses.awaitUntil;
import static dev.statebacked.instances.InMemoryProcesses.event;
import static dev.statebacked.instances.InMemoryProcesses.inBackground;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.statebacked.failures.Conflict;
import dev.statebacked.messaging.InMemoryMessageQueue;
import dev.statebacked.messaging.Message;
import dev.statebacked.timers.PendingTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A settler that died mid-settle leaves its instance claimed: other processes wait while the claim is live, and once
 * it lapsed the next one finishes what it left undone (each ephemeral child is owed its error event, the claim is
 * cleared, the pending timers are woken again) before applying its own event, once.
 */
class AnAbandonedSettleClaimIsTakenOverOnceItLapsesTest {
    private static final String MACHINE = "worker";
    private static final String INSTANCE = "w1";
    /** Two services that never finish, and a durable timer a minute away. */
    static final String WORKER = """
            import { createMachine, assign, send } from "xstate";

            export const allowRead = () => true;
            export const allowWrite = () => true;

            const seen = assign({ public: (ctx, e) => ({ seen: [...ctx.public.seen, e.type] }) });
            const never = () => new Promise((resolve) => setTimeout(resolve, 3600000));

            export default createMachine({
              id: "worker",
              predictableActionArguments: true,
              initial: "idle",
              context: { public: { seen: [] } },
              on: { tick: { actions: seen } },
              states: {
                idle: {
                  on: {
                    arm: { actions: send({ type: "tick" }, { delay: 60000, id: "tick" }) },
                    work: "working",
                  },
                },
                working: {
                  invoke: [
                    { id: "first", src: never, onDone: "idle", onError: { target: "failed", actions: seen } },
                    { id: "second", src: never, onDone: "idle", onError: { target: "failed", actions: seen } },
                  ],
                },
                failed: {
                  on: {
                    "error.platform.first": { actions: seen },
                    "error.platform.second": { actions: seen },
                    retry: { target: "idle", actions: seen },
                  },
                },
              },
            });
            """;

    private final InMemoryProcesses processes = new InMemoryProcesses();
    private final InMemoryProcesses.Process processA = processes.process();
    private PendingTimer tick;

    /** Process A arms a timer, then dies mid-settle: its write that starts the services landed, nothing after it. */
    @BeforeEach
    void aSettlerDiesOnceItsWriteLanded() {
        processes.deploy(MACHINE, WORKER);
        processes.create(processA, MACHINE, INSTANCE);
        processes.send(processA, MACHINE, INSTANCE, event("arm"));
        tick = processes.instance(MACHINE, INSTANCE).timers().getFirst();
        processes.store.afterNextWrite(writes -> {
            throw new IllegalStateException("process A died after its write");
        });

        Throwable died = catchThrowable(() -> processes.send(processA, MACHINE, INSTANCE, event("work")));

        assertThat(died).hasMessage("process A died after its write");
        Instance left = processes.instance(MACHINE, INSTANCE);
        assertThat(left.state().value().asText()).isEqualTo("working");
        assertThat(left.hasEphemeralChildren()).isTrue();
        assertThat(left.claim()).isPresent();
        assertThat(left.claim().get().expiresAtMillis())
                .isEqualTo(processes.now().plus(ProcessingOrder.CLAIM_DURATION).toEpochMilli());
    }

    @Test
    void anotherProcessIsRefusedWhileTheClaimIsLiveAndItsWaitIsOver() {
        InstanceProcessor impatient = processes
                .process(new SettleBudget(Duration.ofSeconds(90), Duration.ZERO), ProcessingOrder.CLAIM_DURATION)
                .processor();
        long sequence = processes.instance(MACHINE, INSTANCE).sequence();

        Throwable refused = catchThrowable(() -> impatient.send(
                InMemoryProcesses.ORG,
                InMemoryProcesses.CALLER.authContext(),
                MACHINE,
                INSTANCE,
                event("retry"),
                Optional.empty()));

        assertThat(refused).isInstanceOf(Conflict.class).hasMessageContaining("stayed busy");
        assertThat(processes.instance(MACHINE, INSTANCE).sequence()).isEqualTo(sequence);
        assertThat(processes.instance(MACHINE, INSTANCE).claim()).isPresent();
    }

    @Test
    void anotherProcessWaitsWhileTheClaimIsLiveThenTakesOverOnceItLapsed() {
        InMemoryProcesses.Process processB = processes.process();
        Instance abandoned = processes.instance(MACHINE, INSTANCE);
        int readsBefore = processes.reads(MACHINE, INSTANCE);

        CompletableFuture<InstanceState> retry =
                inBackground("process-B", () -> processes.send(processB, MACHINE, INSTANCE, event("retry")));
        // B read the instance, found the live claim and read it again: it waits
        awaitUntil(
                "process B reads the claimed instance again (or ended)",
                () -> retry.isDone() || processes.reads(MACHINE, INSTANCE) >= readsBefore + 3);
        assertThat(retry).isNotDone();
        assertThat(processes.instance(MACHINE, INSTANCE).sequence()).isEqualTo(abandoned.sequence());

        processes.clock.advance(ProcessingOrder.CLAIM_DURATION.plusMillis(1));
        Instant takenOverAt = processes.now();
        InstanceState state = await(retry);

        // each ephemeral child was owed its error event, delivered before B's event, which applied once
        List<String> events = processes.eventTypes(MACHINE, INSTANCE);
        assertThat(events).hasSize(6);
        assertThat(events.subList(0, 3)).containsExactly("xstate.init", "arm", "work");
        assertThat(events.subList(3, 5)).containsExactlyInAnyOrder("error.platform.first", "error.platform.second");
        assertThat(events.subList(5, events.size())).containsExactly("retry");
        assertThat(state.value().asText()).isEqualTo("idle");
        List<String> seen = new ArrayList<>();
        state.publicContext().path("seen").forEach(type -> seen.add(type.asText()));
        assertThat(seen).containsExactlyInAnyOrder("error.platform.first", "error.platform.second", "retry");
        assertThat(seen.getLast()).isEqualTo("retry");
        // the interrupted services' errors say why
        Instance after = processes.instance(MACHINE, INSTANCE);
        assertThat(processes
                        .history(MACHINE, INSTANCE)
                        .get(3)
                        .event()
                        .path("data")
                        .path("message")
                        .asText())
                .isEqualTo("the service was interrupted before it finished");
        // the claim is cleared, nothing is owed, the timer is still pending
        assertThat(after.claim()).isEmpty();
        assertThat(after.owedEvents()).isEmpty();
        assertThat(after.timers()).containsExactly(tick);
        // the first write after the abandoned one cleared the claim and recorded the owed events
        InMemoryProcesses.Written release = processes.written.stream()
                .filter(w -> w.before().map(Instance::sequence).orElse(-1L) == abandoned.sequence())
                .findFirst()
                .orElseThrow();
        assertThat(release.change()).isInstanceOf(Change.Updated.class);
        assertThat(release.after().orElseThrow().claim()).isEmpty();
        assertThat(release.after().orElseThrow().owedEvents())
                .extracting(e -> e.path("type").asText())
                .containsExactlyInAnyOrder("error.platform.first", "error.platform.second");
        // the pending timer was woken again, armed by that write
        List<InMemoryMessageQueue.Sent> wakeUps = wakeUpsOf(tick);
        assertThat(wakeUps).hasSize(2);
        Message.TimerWakeUp rearmed = (Message.TimerWakeUp) wakeUps.getLast().message();
        assertThat(wakeUps.getLast().sentAt()).isEqualTo(takenOverAt);
        assertThat(rearmed.dueAtMillis()).isEqualTo(tick.dueAtMillis());
        assertThat(rearmed.armedBy()).isEqualTo(release.after().orElseThrow().sequence());
    }

    @Test
    void theClaimOfThisProcessFoundWhenTakingTheTurnIsTakenOverAtOnce() {
        // the dead settler was this process's: no other settler of it can be running, so nothing is waited for
        InstanceState state =
                await(inBackground("process-A", () -> processes.send(processA, MACHINE, INSTANCE, event("retry"))));

        assertThat(state.value().asText()).isEqualTo("idle");
        List<String> events = processes.eventTypes(MACHINE, INSTANCE);
        assertThat(events).hasSize(6);
        assertThat(events.subList(3, 5)).containsExactlyInAnyOrder("error.platform.first", "error.platform.second");
        assertThat(events.subList(5, events.size())).containsExactly("retry");
        assertThat(processes.instance(MACHINE, INSTANCE).claim()).isEmpty();
        assertThat(wakeUpsOf(tick)).hasSize(2);
    }

    private List<InMemoryMessageQueue.Sent> wakeUpsOf(PendingTimer timer) {
        return processes.queue.sent().stream()
                .filter(sent -> sent.message() instanceof Message.TimerWakeUp wakeUp
                        && wakeUp.id().equals(timer.timerId()))
                .toList();
    }
}
