package dev.statebacked.instances;

import dev.statebacked.engine.LogRecord;
import dev.statebacked.engine.Transition;
import dev.statebacked.messaging.Message;
import dev.statebacked.messaging.MessageQueue;
import dev.statebacked.store.ConflictingWriteException;
import dev.statebacked.store.Write;
import dev.statebacked.timers.PendingTimer;
import dev.statebacked.timers.TimerWakeUps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place an instance is written: every change (creation, transition, fired timer, status, desired version,
 * owed events, settle claim, deletion) is one conditional write here, numbered by the instance's sequence, followed
 * by one post-commit stage. Before the write: the wake-ups of the timers it arms (a wake-up whose write failed finds
 * no pending timer and is dropped; one armed after the write could be lost to a crash) and, when it has messages,
 * a delayed recovery that sends them again should this process die before it does. After the write: cancelled
 * timers are disarmed, the outbox is sent, warnings are logged and the {@link PostCommit} hooks are called. A write
 * that finds the instance changed since it was read throws {@link InstanceMovedOn} (a creation that finds the name
 * taken, {@link ConflictingWriteException}).
 */
public final class CommitPoint {
    private static final Logger LOG = LoggerFactory.getLogger(CommitPoint.class);
    /** A recovery comes this long after a claim its dead holder last renewed would have lapsed. */
    private static final Duration RECOVERY_MARGIN = Duration.ofSeconds(2);

    private final InstanceRepository instances;
    private final TimerWakeUps wakeUps;
    private final MessageQueue queue;
    private final LogSink logs;
    private final Clock clock;
    private final Duration recoveryDelay;
    private final List<PostCommit> hooks;
    private final IndexWrites indexes;
    private final SentOutboxes sent = new SentOutboxes();

    /** {@code indexes}: the index entries each write changes, written in its transaction. */
    public CommitPoint(
            InstanceRepository instances,
            TimerWakeUps wakeUps,
            MessageQueue queue,
            LogSink logs,
            Clock clock,
            Duration claimDuration,
            List<PostCommit> hooks,
            IndexWrites indexes) {
        this.indexes = indexes;
        this.instances = instances;
        this.wakeUps = wakeUps;
        this.queue = queue;
        this.logs = logs;
        this.clock = clock;
        Duration delay = claimDuration.plus(RECOVERY_MARGIN);
        this.recoveryDelay = delay.compareTo(MessageQueue.MAX_DELAY) > 0 ? MessageQueue.MAX_DELAY : delay;
        this.hooks = List.copyOf(hooks);
    }

    /** Writes a new instance with its initial state; fails if the name is taken. */
    Instance create(Instance initial, Transition transition, Change.Created change) {
        return commit(Optional.empty(), initial, Optional.of(transition), List.of(), change);
    }

    /** Writes {@code next}, the state {@code transition} led to from {@code before}. */
    Instance transition(Instance before, Instance next, Transition transition, Change.Transitioned change) {
        return commit(Optional.of(before), next, Optional.of(transition), List.of(), change);
    }

    /** Writes a change of {@code before} that is not a transition, sending {@code messages} once it holds. */
    Instance update(Instance before, Instance next, List<Message> messages) {
        return commit(Optional.of(before), next, Optional.empty(), messages, new Change.Updated());
    }

    /** Deletes the instance and its history (fails if it changed since {@code instance} was read). */
    void delete(Instance instance) {
        instances.delete(instance, indexes.between(Optional.of(instance), Optional.empty()));
        sent.forget(instance);
        postCommit(Optional.of(instance), Optional.empty(), new Change.Deleted());
    }

    /**
     * Sends the messages of {@code instance}'s latest write again, unless this process knows it sent them (receivers
     * apply each message id once).
     */
    void sendOutboxUnlessSent(Instance instance) {
        if (!outboxSent(instance)) {
            sendOutbox(instance);
        }
    }

    /** Whether this process sent the outbox of the write {@code instance} was read at. */
    private boolean outboxSent(Instance instance) {
        return instance.outbox().isEmpty() || sent.covers(instance);
    }

    private Instance commit(
            Optional<Instance> before,
            Instance next,
            Optional<Transition> transition,
            List<Message> messages,
            Change change) {
        Instance base = before.map(b -> b.withTimers(next.timers())).orElse(next);
        // timers are due from when the machine's code read the clock (its Date.now() + delay), not from now: the
        // time until this write varies, and timers armed by consecutive events would otherwise fall due out of the
        // order their machine computed
        Optional<EffectPlan> plan =
                transition.map(t -> EffectPlan.of(base, t, wakeUps.now().minus(t.age())));
        List<Message> outbox = new ArrayList<>(
                before.filter(b -> !outboxSent(b)).map(Instance::outbox).orElse(List.of()));
        outbox.addAll(messages);
        plan.ifPresent(p -> outbox.addAll(p.outbox()));
        List<PendingTimer> timers = plan.map(EffectPlan::timers).orElse(next.timers());
        Instance after = next.withDuties(new Instance.Duties(next.owedEvents(), timers, outbox))
                .writtenAs(base.sequence() + 1);
        plan.ifPresent(p -> wakeUps.arm(after.orgId(), after.address(), after.sequence(), p.armed()));
        if (!outbox.isEmpty()) {
            queue.send(
                    new Message.Recovery(UUID.randomUUID().toString(), after.orgId(), after.address()), recoveryDelay);
        }
        try {
            instances.commit(writes(before, after, change));
        } catch (ConflictingWriteException e) {
            if (before.isEmpty()) {
                throw e; // the name is taken
            }
            throw new InstanceMovedOn(before.get(), e);
        }
        plan.ifPresent(p -> disarm(after, p.disarmed()));
        sendOutbox(after);
        plan.filter(p -> !p.warnings().isEmpty()).ifPresent(p -> warn(after, p.warnings()));
        postCommit(before, Optional.of(after), change);
        return after;
    }

    private List<Write> writes(Optional<Instance> before, Instance after, Change change) {
        List<Write> writes = new ArrayList<>(instanceWrites(before, after, change));
        writes.addAll(indexes.between(before, Optional.of(after)));
        return writes;
    }

    private List<Write> instanceWrites(Optional<Instance> before, Instance after, Change change) {
        return switch (change) {
            case Change.Created created -> instances.create(after, created.initialEvent(), created.requestId());
            case Change.Transitioned t ->
                instances.transition(before.orElseThrow(), after, t.event(), t.messageId(), t.requestId());
            case Change.Updated updated -> instances.update(before.orElseThrow(), after);
            case Change.Deleted deleted -> throw new IllegalArgumentException("a deletion is not one write");
        };
    }

    private void disarm(Instance instance, List<PendingTimer> cancelled) {
        for (PendingTimer timer : cancelled) {
            try {
                wakeUps.disarm(instance.orgId(), instance.address(), timer);
            } catch (RuntimeException e) {
                LOG.warn(
                        "could not delete the wake-up of cancelled timer {}; it will be dropped when it fires",
                        timer.timerId(),
                        e);
            }
        }
    }

    /** Best effort: messages not sent now stay in the outbox, sent by the recovery armed with the write. */
    private void sendOutbox(Instance instance) {
        if (instance.outbox().isEmpty()) {
            return;
        }
        try {
            queue.sendAll(instance.outbox());
            sent.record(instance);
        } catch (RuntimeException e) {
            LOG.warn(
                    "the messages of {}'s write {} could not be sent yet; its recovery sends them",
                    instance.address(),
                    instance.sequence(),
                    e);
        }
    }

    private void warn(Instance instance, List<String> warnings) {
        Instant at = clock.instant();
        logs.write(
                instance,
                warnings.stream()
                        .map(warning -> new LogRecord(LogRecord.Level.WARN, at, warning))
                        .toList());
    }

    private void postCommit(Optional<Instance> before, Optional<Instance> after, Change change) {
        for (PostCommit hook : hooks) {
            try {
                hook.committed(before, after, change);
            } catch (RuntimeException e) {
                LOG.warn(
                        "a post-commit hook failed after write {} of {}",
                        after.or(() -> before).map(Instance::sequence).orElse(0L),
                        after.or(() -> before).map(Instance::address).orElse(null),
                        e);
            }
        }
    }
}
