package dev.statebacked.instances;

import static dev.statebacked.instances.InMemoryProcesses.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.statebacked.messaging.Message;
import dev.statebacked.messaging.MessageDispatcher;
import dev.statebacked.messaging.Messages;
import dev.statebacked.messaging.ReceiverNotReadyException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A timer's wake-up is armed before the write that makes the timer pending, so it can reach another process first:
 * there it is neither fired nor dropped but tried again soon (the receiver is not ready); once the write landed it
 * fires the timer, once. A wake-up whose arming write never landed is dropped once its due time is 30 s past.
 */
class AWakeUpThatOvertakesItsArmingWriteWaitsForItTest {
    private static final String MACHINE = AlarmMachine.NAME;
    private static final String INSTANCE = "a1";
    private static final Duration GIVEN_UP_AFTER = Duration.ofSeconds(30);

    private final InMemoryProcesses processes = new InMemoryProcesses();
    private final InMemoryProcesses.Process processA = processes.process();
    private final InMemoryProcesses.Process processB = processes.process();
    /** Process B's worker: the queue's messages, delivered as the service's worker does. */
    private final MessageDispatcher workerB = new MessageDispatcher(
            message -> processB.processor().fireTimer((Message.TimerWakeUp) message),
            processes.queue,
            Duration.ofSeconds(30));

    @BeforeEach
    void anAlarm() {
        processes.deploy(MACHINE, AlarmMachine.CODE);
        processes.create(processA, MACHINE, INSTANCE);
    }

    @Test
    void aWakeUpThatReachesAnotherProcessBeforeItsArmingWriteIsTriedAgainAndFiresOnceTheWriteLanded() {
        long created = processes.instance(MACHINE, INSTANCE).sequence();
        AtomicReference<Message.TimerWakeUp> early = new AtomicReference<>();
        AtomicReference<Throwable> refused = new AtomicReference<>();
        AtomicLong sequenceMeanwhile = new AtomicLong();
        processes.store.beforeNextWrite(writes -> {
            // A armed the wake-up and is about to write: B gets the wake-up at its due time, first
            Message.TimerWakeUp wakeUp = onlyWakeUp();
            early.set(wakeUp);
            processes.clock.advanceTo(Instant.ofEpochMilli(wakeUp.dueAtMillis()));
            refused.set(catchThrowable(() -> processB.processor().fireTimer(wakeUp)));
            sequenceMeanwhile.set(processes.instance(MACHINE, INSTANCE).sequence());
        });

        processes.send(processA, MACHINE, INSTANCE, event("arm"));

        Message.TimerWakeUp wakeUp = early.get();
        assertThat(wakeUp).isNotNull();
        assertThat(wakeUp.armedBy()).isEqualTo(created + 1);
        // B neither fired nor dropped it: it said the receiver was not ready, and wrote nothing
        assertThat(refused.get())
                .isInstanceOf(ReceiverNotReadyException.class)
                .hasMessageContaining("has not landed yet");
        assertThat(sequenceMeanwhile.get()).isEqualTo(created);
        Instance armed = processes.instance(MACHINE, INSTANCE);
        assertThat(armed.sequence()).isEqualTo(wakeUp.armedBy());
        assertThat(armed.timers()).extracting(t -> t.timerId()).containsExactly(wakeUp.id());
        assertThat(processes.eventTypes(MACHINE, INSTANCE)).containsExactly("xstate.init", "arm");

        // the queue delivers it again, after A's write landed: the timer fires, once
        List<Message> delivered = new ArrayList<>();
        processes.queue.deliverDue(batch -> {
            batch.forEach(received -> delivered.add(Messages.parse(received.body())));
            return workerB.deliver(batch);
        });

        assertThat(delivered).containsExactly(wakeUp);
        assertThat(processes.queue.size()).isZero();
        assertThat(processes.eventTypes(MACHINE, INSTANCE)).containsExactly("xstate.init", "arm", "tick");
        Instance fired = processes.instance(MACHINE, INSTANCE);
        assertThat(fired.timers()).isEmpty();
        assertThat(fired.state().context().path("public").path("ticks").asInt()).isEqualTo(1);

        // a wake-up delivered once more, to either process, changes nothing
        processB.processor().fireTimer(wakeUp);
        processA.processor().fireTimer(wakeUp);

        assertThat(processes.instance(MACHINE, INSTANCE).sequence()).isEqualTo(fired.sequence());
        assertThat(processes.eventTypes(MACHINE, INSTANCE)).containsExactly("xstate.init", "arm", "tick");
    }

    @Test
    void aWakeUpWhoseArmingWriteNeverLandedIsTriedAgainSoonThenDroppedOnceItsDueTimeIs30SecondsPast() {
        Instance created = processes.instance(MACHINE, INSTANCE);
        processes.store.beforeNextWrite(writes -> {
            throw new IllegalStateException("the store is unavailable");
        });

        Throwable failed = catchThrowable(() -> processes.send(processA, MACHINE, INSTANCE, event("arm")));

        assertThat(failed).hasMessage("the store is unavailable");
        Message.TimerWakeUp wakeUp = onlyWakeUp();
        assertThat(wakeUp.armedBy()).isEqualTo(created.sequence() + 1);
        Instant due = Instant.ofEpochMilli(wakeUp.dueAtMillis());

        // at its due time, the worker is told to try it again soon
        processes.clock.advanceTo(due);
        processes.queue.deliverDue(workerB::deliver);

        assertThat(processes.queue.retries()).hasSize(1);
        assertThat(processes.queue.retries().getFirst().message()).isEqualTo(wakeUp);
        assertThat(processes.queue.retries().getFirst().delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(processes.queue.messages()).containsExactly(wakeUp);

        // the write might still land until 30 s after the due time
        processes.clock.advanceTo(due.plus(GIVEN_UP_AFTER).minusMillis(1));
        assertThat(catchThrowable(() -> processB.processor().fireTimer(wakeUp)))
                .isInstanceOf(ReceiverNotReadyException.class);

        // then it cannot: the wake-up is dropped, and nothing was written
        processes.clock.advance(Duration.ofMillis(1));
        processB.processor().fireTimer(wakeUp);
        processes.queue.deliverDue(workerB::deliver);

        assertThat(processes.queue.size()).isZero();
        assertThat(processes.queue.deadLetters()).isEmpty();
        Instance after = processes.instance(MACHINE, INSTANCE);
        assertThat(after.sequence()).isEqualTo(created.sequence());
        assertThat(after.timers()).isEmpty();
        assertThat(processes.eventTypes(MACHINE, INSTANCE)).containsExactly("xstate.init");
    }

    private Message.TimerWakeUp onlyWakeUp() {
        List<Message.TimerWakeUp> wakeUps = processes.queue.messages().stream()
                .filter(m -> m instanceof Message.TimerWakeUp)
                .map(m -> (Message.TimerWakeUp) m)
                .toList();
        assertThat(wakeUps).hasSize(1);
        return wakeUps.getFirst();
    }
}
