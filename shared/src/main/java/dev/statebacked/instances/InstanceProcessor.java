package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.api.ApiException;
import dev.statebacked.api.Json;
import dev.statebacked.auth.Caller;
import dev.statebacked.engine.ChildRef;
import dev.statebacked.engine.EngineException;
import dev.statebacked.engine.LogRecord;
import dev.statebacked.engine.MachineEngine;
import dev.statebacked.engine.MachineSession;
import dev.statebacked.engine.MachineVersion;
import dev.statebacked.engine.ReadRequest;
import dev.statebacked.engine.Transition;
import dev.statebacked.engine.UserCodeError;
import dev.statebacked.engine.WriteRequest;
import dev.statebacked.messaging.InstanceAddress;
import dev.statebacked.messaging.Message;
import dev.statebacked.messaging.MessageQueue;
import dev.statebacked.store.ConflictingWriteException;
import dev.statebacked.store.Write;
import dev.statebacked.timers.PendingTimer;
import dev.statebacked.timers.TimerWakeUps;
import dev.statebacked.versions.Machine;
import dev.statebacked.versions.MachineRepository;
import dev.statebacked.versions.MachineVersions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes events, one at a time per instance: take the instance's lease, deliver any interrupted services'
 * error events, authorize, transition, write the new state, its history, its pending timers and its outgoing
 * messages in one conditional write, and only then run the effects and send the messages; then keep feeding the
 * services' done/error events back in until the instance settles or its budget runs out. Each caller gets the
 * state after its own event settled. Events come from API callers, from other instances (through the queue,
 * exactly once per message id) and from the instance's own timers.
 */
public final class InstanceProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceProcessor.class);
    /** A recovery comes this long after the lease a crashed holder last renewed would have lapsed. */
    private static final Duration RECOVERY_MARGIN = Duration.ofSeconds(2);
    private final InstanceRepository instances;
    private final MachineRepository machines;
    private final MachineVersions versions;
    private final MachineEngine engine;
    private final ProcessingLease lease;
    private final LogSink logs;
    private final SettleBudget budget;
    private final Clock clock;
    private final MessageQueue queue;
    private final TimerWakeUps wakeUps;

    public InstanceProcessor(InstanceRepository instances, MachineRepository machines, MachineVersions versions,
                             MachineEngine engine, ProcessingLease lease, LogSink logs, SettleBudget budget, Clock clock,
                             MessageQueue queue, TimerWakeUps wakeUps) {
        this.instances = instances;
        this.machines = machines;
        this.versions = versions;
        this.engine = engine;
        this.lease = lease;
        this.logs = logs;
        this.budget = budget;
        this.clock = clock;
        this.queue = queue;
        this.wakeUps = wakeUps;
    }

    /** What reaches an existing instance. */
    private sealed interface Delivery {
        /** An event from an API caller. */
        record External(JsonNode authContext, JsonNode event, Optional<String> requestId) implements Delivery {
        }

        /** An event from another instance, applied once per message id. */
        record FromInstance(Message.Event message) implements Delivery {
        }

        /** The wake-up of the pending timer {@code timerId}, armed by the instance's write number {@code armedBy}. */
        record TimerDue(String timerId, long armedBy) implements Delivery {
        }

        /** Nothing to apply: only what a crashed holder left undone (see {@link Message.Recovery}). */
        record Recovery() implements Delivery {
        }
    }

    /**
     * Creates an instance, runs its initial state's effects and returns its settled state. {@code requestId} marks
     * the transitions written for the request in the history (see {@link InstanceRepository#wroteForRequest}).
     */
    public InstanceState create(String orgId, JsonNode authContext, String machineName, String instanceName,
                                JsonNode context, Optional<String> requestedVersionId, Optional<String> requestId) {
        return InstanceState.of(create(orgId, authContext, new InstanceAddress(machineName, instanceName),
                context, requestedVersionId, Optional.empty(), requestId));
    }

    /** Delivers an external event and returns the state once the instance settled (or its budget ran out). */
    public InstanceState send(String orgId, JsonNode authContext, String machineName, String instanceName,
                              JsonNode event, Optional<String> requestId) {
        return InstanceState.of(process(orgId, new InstanceAddress(machineName, instanceName),
                new Delivery.External(authContext, event, requestId)).orElseThrow());
    }

    /** An event from another instance: a redelivered message changes nothing; a rejected one throws (to retry). */
    public void deliver(Message.Event message) {
        process(message.orgId(), message.receiver(), new Delivery.FromInstance(message));
    }

    /**
     * Creates a persistent child (nothing to do when it exists: a redelivery) with its parent's authorization
     * context, then delivers the events its parent sent it in the same transition.
     */
    public void createChild(Message.CreateChild message) {
        InstanceAddress child = message.receiver();
        Optional<Instance> existing = instances.find(message.orgId(), child.machineName(), child.instanceName());
        if (existing.isPresent() && !existing.get().parent().equals(Optional.of(message.parent()))) {
            dropCreationOfATakenName(message, existing.get());
            return;
        }
        if (existing.isEmpty()) {
            try {
                create(message.orgId(), message.parent().address().asSenderAuthContext(), child, message.context(),
                        Optional.ofNullable(message.versionId()), Optional.of(message.parent()), Optional.empty());
            } catch (ApiException e) {
                if (instances.find(message.orgId(), child.machineName(), child.instanceName()).isEmpty()) {
                    throw e;
                }
                // created meanwhile by another delivery of the same message
            }
        }
        message.then().forEach(this::deliver);
    }

    /**
     * Another instance has the child's name already (a name given twice, by two parents or twice by one): the
     * creation and the events sent with it are dropped, and said so on the console and in the parent's logs, as
     * they would otherwise vanish without a trace.
     */
    private void dropCreationOfATakenName(Message.CreateChild message, Instance existing) {
        InstanceAddress parent = message.parent().address();
        String why = "child " + message.receiver() + " of " + parent + " was not created, and the " + message.then().size()
                + " event(s) sent with its creation were dropped: an instance of that name exists already"
                + existing.parent().map(p -> " (a child of " + p.address() + ")").orElse("");
        LOG.warn(why);
        logForInstance(message.orgId(), parent, why);
    }

    /** An error line in {@code address}'s logs (when it exists), for what the platform did not deliver to it. */
    public void logForInstance(String orgId, InstanceAddress address, String line) {
        instances.find(orgId, address.machineName(), address.instanceName()).ifPresent(i -> logs.write(
                i.orgId(), i.machineName(), i.versionId(), i.name(),
                List.of(new LogRecord(LogRecord.Level.ERROR, clock.instant(), line))));
    }

    /**
     * The wake-up of a pending timer: fires it, together with every other timer of the instance that is due by
     * now, in due order. A wake-up for a timer that is not pending (fired, cancelled) or an instance that is gone
     * is dropped; a paused instance rejects it (the queue tries again).
     */
    public void fireTimer(Message.TimerWakeUp wakeUp) {
        process(wakeUp.orgId(), wakeUp.receiver(), new Delivery.TimerDue(wakeUp.id(), wakeUp.armedBy()));
    }

    /** Takes the instance's lease once, so that a holder that died with messages unsent is recovered from. */
    public void recover(Message.Recovery recovery) {
        process(recovery.orgId(), recovery.receiver(), new Delivery.Recovery());
    }

    /**
     * Deletes the instance and its history under its lease, so no transition lands between the batches of the
     * delete (which would leave an instance whose history was partly deleted).
     */
    public void delete(Caller caller, String machineName, String instanceName) {
        require(caller.orgId(), machineName, instanceName);
        try (ProcessingLease.Held held = take(caller.orgId(), machineName, instanceName)) {
            Instance instance = require(caller.orgId(), machineName, instanceName);
            try {
                instances.delete(instance);
            } catch (ConflictingWriteException e) {
                throw ApiException.conflict("instance changed while being deleted; retry");
            }
        }
    }

    /** The state, if the machine's {@code allowRead} lets the caller see it. */
    public InstanceState read(Caller caller, String machineName, String instanceName) {
        Instance instance = require(caller.orgId(), machineName, instanceName);
        MachineVersion version = load(caller.orgId(), machineName, instance.versionId());
        try {
            authorize(version.allowRead(new ReadRequest(instanceName, caller.authContext(), instance.state())));
        } catch (EngineException e) {
            throw userCodeFailure(e);
        }
        return InstanceState.of(instance);
    }

    private Instance create(String orgId, JsonNode authContext, InstanceAddress address, JsonNode context,
                            Optional<String> requestedVersionId, Optional<Message.ParentLink> parent,
                            Optional<String> requestId) {
        String machineName = address.machineName();
        Machine machine = machines.find(orgId, machineName)
                .orElseThrow(() -> ApiException.notFound("no machine " + machineName));
        String versionId = requestedVersionId.or(machine::currentVersionId).orElseThrow(() ->
                ApiException.invalidParameter("machineVersionId", "machine " + machineName + " has no current version"));
        MachineVersion version = load(orgId, machineName, versionId);
        return holding(orgId, machineName, address.instanceName(),
                held -> createHolding(address, authContext, context, versionId, version, parent, orgId, requestId));
    }

    private Instance createHolding(InstanceAddress address, JsonNode authContext, JsonNode context, String versionId,
                                   MachineVersion version, Optional<Message.ParentLink> parent, String orgId,
                                   Optional<String> requestId) {
        String machineName = address.machineName();
        try (MachineSession session = version.openSession()) {
            if (instances.find(orgId, machineName, address.instanceName()).isPresent()) {
                throw ApiException.conflict("instance " + address.instanceName() + " exists");
            }
            authorize(session.allowWrite(new WriteRequest.Initialization(address.instanceName(), authContext, context)));
            Transition initial = session.initialState(context);
            Instant now = clock.instant();
            Instance created = Instance.created(orgId, machineName, address.instanceName(), versionId, initial.state(),
                    now, parent);
            try {
                created = commit(created, created, initial,
                        after -> instances.create(after, Json.MAPPER.createObjectNode().put("type", "xstate.init"),
                                requestId));
            } catch (ConflictingWriteException exists) {
                throw ApiException.conflict("instance " + address.instanceName() + " exists");
            }
            return afterWrite(session, created, initial, now.plus(budget.settle()));
        } catch (EngineException e) {
            throw userCodeFailure(e);
        }
    }

    /**
     * Messages of a written transition could not be sent: the holder gives the lease up as if it had crashed, so
     * that the recovery armed with the write (or the next caller once the lease expires) sends them.
     */
    private static final class OutboxNotSentException extends RuntimeException {
        OutboxNotSentException(Instance instance, RuntimeException cause) {
            super("the messages of instance " + instance.name() + "'s transition " + instance.sequence()
                    + " could not be sent yet; they will be sent when the instance is taken over", cause);
        }
    }

    /** Runs {@code work} holding the instance's lease, abandoning it when a written transition's messages were not sent. */
    private <T> T holding(String orgId, String machineName, String instanceName,
                          Function<ProcessingLease.Held, T> work) {
        ProcessingLease.Held held = take(orgId, machineName, instanceName);
        try {
            return work.apply(held);
        } catch (OutboxNotSentException e) {
            held.abandon();
            throw e;
        } finally {
            held.close();
        }
    }

    /** Empty only for a timer of an instance that no longer exists. */
    private Optional<Instance> process(String orgId, InstanceAddress address, Delivery delivery) {
        String machineName = address.machineName();
        String instanceName = address.instanceName();
        Optional<Instance> found = instances.find(orgId, machineName, instanceName);
        if (found.isEmpty()) {
            return absent(address, delivery);
        }
        if (settledWithoutLease(found.get(), delivery)) {
            return found;
        }
        MachineVersion version = load(orgId, machineName, found.get().versionId());
        return holding(orgId, machineName, instanceName, held -> processHolding(held, orgId, address, delivery, version));
    }

    private Optional<Instance> processHolding(ProcessingLease.Held held, String orgId, InstanceAddress address,
                                              Delivery delivery, MachineVersion version) {
        String machineName = address.machineName();
        String instanceName = address.instanceName();
        try (MachineSession session = version.openSession()) {
            Optional<Instance> current = instances.find(orgId, machineName, instanceName);
            if (current.isEmpty()) {
                return absent(address, delivery); // deleted meanwhile
            }
            Instance instance = current.get();
            if (held.previousHolderCrashed()) {
                instance = takeOverFromCrashedHolder(instance);
            }
            if (alreadyDone(instance, delivery)) {
                return Optional.of(instance);
            }
            if (instance.status() == InstanceStatus.PAUSED) {
                throw ApiException.conflict("instance " + instanceName + " is paused");
            }
            Instant deadline = clock.instant().plus(budget.settle());
            instance = deliverOwedEvents(session, instance);
            instance = switch (delivery) {
                case Delivery.External external -> apply(session, instance, external.authContext(), external.event(),
                        Optional.empty(), external.requestId());
                case Delivery.FromInstance from -> isFromAnEndedChild(instance, from.message()) ? instance
                        : apply(session, instance, from.message().sender().asSenderAuthContext(), from.message().event(),
                        Optional.of(from.message().id()), Optional.empty());
                case Delivery.TimerDue due -> fireDueTimers(session, instance, due.timerId());
                case Delivery.Recovery recovery -> instance;
            };
            return Optional.of(settle(session, instance, deadline));
        } catch (EngineException e) {
            throw userCodeFailure(e);
        }
    }

    /** A timer or recovery of a deleted instance is dropped; anything else is answered 404 (a message tries again). */
    private static Optional<Instance> absent(InstanceAddress address, Delivery delivery) {
        if (delivery instanceof Delivery.TimerDue || delivery instanceof Delivery.Recovery) {
            LOG.info("{} for {} dropped: the instance was deleted", delivery.getClass().getSimpleName(), address);
            return Optional.empty();
        }
        throw ApiException.notFound("no instance " + address.instanceName() + " of machine " + address.machineName());
    }

    /**
     * A wake-up for a timer that is no longer pending although the write that armed it has landed (a timer never
     * becomes pending again) is known to be done from the read before the lease: common, since a wake-up fires every
     * due timer of its instance. A wake-up can come before its arming write lands; then only the lease settles it.
     * (A redelivered message is rare: its marker is read under the lease only.)
     */
    private static boolean settledWithoutLease(Instance instance, Delivery delivery) {
        return delivery instanceof Delivery.TimerDue due && instance.sequence() >= due.armedBy()
                && !isPending(instance, due.timerId());
    }

    private static boolean isPending(Instance instance, String timerId) {
        return instance.timers().stream().anyMatch(t -> t.timerId().equals(timerId));
    }

    /** A message applied before, a timer that is no longer pending, or a recovery (done by now): nothing to do. */
    private boolean alreadyDone(Instance instance, Delivery delivery) {
        return switch (delivery) {
            case Delivery.External external -> false;
            case Delivery.Recovery recovery -> true;
            case Delivery.FromInstance from -> instances.applied(instance.orgId(), instance.address(), from.message().id());
            case Delivery.TimerDue due -> !isPending(instance, due.timerId());
        };
    }

    /**
     * A {@code done.invoke.<id>} from a child that is no longer the instance's child {@code id}: the parent left the
     * invoking state (perhaps to enter it again, with a new child under the same id), so it no longer listens.
     */
    private boolean isFromAnEndedChild(Instance instance, Message.Event message) {
        String type = message.event().path("type").asText("");
        if (!type.startsWith(EffectPlan.DONE_INVOKE)) {
            return false;
        }
        ChildRef child = instance.state().children().get(type.substring(EffectPlan.DONE_INVOKE.length()));
        boolean current = child != null && child.kind() == ChildRef.Kind.PERSISTENT
                && message.sender().equals(new InstanceAddress(child.machineName(), child.machineInstanceName()));
        if (!current) {
            String why = type + " from " + message.sender() + " dropped: not a current child of " + instance.address();
            LOG.info(why);
            logs.write(instance.orgId(), instance.machineName(), instance.versionId(), instance.name(),
                    List.of(new LogRecord(LogRecord.Level.WARN, clock.instant(), why)));
        }
        return !current;
    }

    private Instance apply(MachineSession session, Instance instance, JsonNode authContext, JsonNode event,
                           Optional<String> messageId, Optional<String> requestId) {
        authorize(session.allowWrite(new WriteRequest.Event(instance.name(), authContext, instance.state(), event)));
        Transition transition = session.transition(instance.state(), event);
        Instance next = write(instance, transition, event, List.of(), messageId, requestId);
        session.runEffects(transition);
        flushLogs(session, next);
        return next;
    }

    private Instance fireDueTimers(MachineSession session, Instance instance, String timerId) {
        long now = wakeUps.now().toEpochMilli();
        List<PendingTimer> due = instance.timers().stream()
                .filter(t -> t.timerId().equals(timerId) || t.dueAtMillis() <= now)
                .sorted(Comparator.comparingLong(PendingTimer::dueAtMillis)) // stable: arming order breaks ties
                .toList();
        for (PendingTimer timer : due) {
            if (instance.timers().contains(timer)) { // an earlier timer's transition may have cancelled it
                instance = fire(session, instance, timer);
            }
        }
        return instance;
    }

    private Instance fire(MachineSession session, Instance instance, PendingTimer timer) {
        List<PendingTimer> rest = new ArrayList<>(instance.timers());
        rest.remove(timer);
        Instance without = instance.withTimers(rest);
        if (timer.toSelf()) {
            Transition transition = session.transition(instance.state(), timer.event());
            Instance next = write(without, transition, timer.event(), instance.owedEvents(), Optional.empty(), Optional.empty());
            session.runEffects(transition);
            flushLogs(session, next);
            return next;
        }
        // sent before the timer stops being pending: a crash in between sends it again, under the same id
        queue.send(new Message.Event(timer.timerId(), instance.orgId(), timer.receiver(), instance.address(), timer.event()),
                Duration.ZERO);
        Instance next = without.successor();
        instances.commit(instances.update(instance, next));
        return next;
    }

    private Instance afterWrite(MachineSession session, Instance instance, Transition transition, Instant deadline) {
        session.runEffects(transition);
        flushLogs(session, instance);
        return settle(session, instance, deadline);
    }

    /** Feeds services' done/error events (and sends to self) back in until nothing runs or the budget is spent. */
    private Instance settle(MachineSession session, Instance instance, Instant deadline) {
        while (true) {
            Optional<JsonNode> next;
            boolean running;
            Transition transition;
            try {
                running = session.hasRunningServices();
                Duration remaining = Duration.between(clock.instant(), deadline);
                next = session.awaitNextEvent(running && !remaining.isNegative() ? remaining : Duration.ZERO);
                transition = next.isEmpty() ? null : session.transition(instance.state(), next.get());
            } catch (EngineException e) {
                // the caller's event is written already: machine code failing while services run (a service's
                // timer, or the transition of a service's event) stops them all, as their context is discarded;
                // the failure is logged and each service is owed its error event
                String failure = userCodeFailure(e).getMessage();
                logs.write(instance.orgId(), instance.machineName(), instance.versionId(), instance.name(), List.of(
                        new LogRecord(LogRecord.Level.ERROR, clock.instant(), "the services were stopped: " + failure)));
                return recordInterruptions(instance, owedForEphemeralChildren(instance, "the service was stopped: " + failure));
            }
            if (next.isEmpty()) {
                if (running) {
                    // out of budget: stop the services; their error events go first at the next event
                    List<JsonNode> interrupted = session.stopServices("settle budget of " + budget.settle().toSeconds()
                            + " s ran out before the service finished");
                    instance = recordInterruptions(instance, interrupted);
                }
                flushLogs(session, instance);
                return instance;
            }
            instance = write(instance, transition, next.get(), List.of(), Optional.empty(), Optional.empty());
            session.runEffects(transition);
            flushLogs(session, instance);
        }
    }

    /**
     * What a holder that died mid-processing left undone: the messages of its last write are sent again (receivers
     * apply each id once), every ephemeral child its last state still had is owed an error event (those services
     * may or may not have run, and will never report back), and its pending timers are woken again.
     */
    private Instance takeOverFromCrashedHolder(Instance instance) {
        sendOutbox(instance);
        Instance after = instance.owedEvents().isEmpty()
                ? recordInterruptions(instance, owedForEphemeralChildren(instance, "the service was interrupted before it finished"))
                : instance;
        rearmTimers(after);
        return after;
    }

    /**
     * The crashed holder may have been a worker that had received wake-ups of this instance: the queue hides those
     * for its visibility timeout (minutes), so its pending timers are woken again now. Best effort: the hidden
     * wake-ups still come after the timeout, so a failure here makes timers late, never lost.
     */
    private void rearmTimers(Instance instance) {
        try {
            wakeUps.rearm(instance.orgId(), instance.address(), instance.sequence(), instance.timers());
        } catch (RuntimeException e) {
            LOG.warn("could not re-arm the pending timers of {} after a crashed holder; their first wake-ups will do",
                    instance.address(), e);
        }
    }

    /** The error events of services that did not finish (budget spent, or holder crashed) go before the next event. */
    private Instance deliverOwedEvents(MachineSession session, Instance instance) {
        List<JsonNode> owed = new ArrayList<>(instance.owedEvents());
        while (!owed.isEmpty()) {
            JsonNode event = owed.removeFirst();
            Transition transition = session.transition(instance.state(), event);
            instance = write(instance, transition, event, List.copyOf(owed), Optional.empty(), Optional.empty());
            session.runEffects(transition);
        }
        return instance;
    }

    /** An {@code error.platform.<id>} event for each ephemeral child the instance's state still has. */
    private static List<JsonNode> owedForEphemeralChildren(Instance instance, String why) {
        List<JsonNode> owed = new ArrayList<>();
        instance.state().children().forEach((id, child) -> {
            if (child.kind() == ChildRef.Kind.EPHEMERAL) {
                ObjectNode error = Json.MAPPER.createObjectNode().put("type", "error.platform." + id);
                error.putObject("data").put("message", why);
                owed.add(error);
            }
        });
        return owed;
    }

    private Instance write(Instance before, Transition transition, JsonNode event, List<JsonNode> stillOwed,
                           Optional<String> messageId, Optional<String> requestId) {
        Instance next = before.withState(transition.state(), stillOwed, clock.instant());
        try {
            return commit(before, next, transition,
                    after -> instances.transition(before, after, event, messageId, requestId));
        } catch (ConflictingWriteException e) {
            // only a holder whose lease lapsed can lose here: the instance moved on without it
            throw ApiException.conflict("instance " + before.name() + " was changed by another processor; retry");
        }
    }

    /**
     * Writes {@code next} with the timers and messages of {@code transition}. New wake-ups are armed before the
     * write: one whose write failed finds no pending timer and is dropped, while one armed after a write could be
     * lost to a crash. The messages go out only once the write holds; a recovery armed with them (before the write,
     * for the same reason) sends them again if this holder dies before it sends them.
     */
    private Instance commit(Instance before, Instance next, Transition transition, Function<Instance, List<Write>> writes) {
        // timers are due from when the machine's code read the clock (its Date.now() + delay), not from now: the
        // time until this write varies (a lease, a slow read), and timers armed by consecutive events would
        // otherwise fall due out of the order their machine computed
        EffectPlan plan = EffectPlan.of(before, transition, wakeUps.now().minus(transition.age()));
        Instance after = next.withEffects(plan.timers(), plan.outbox());
        wakeUps.arm(after.orgId(), after.address(), after.sequence(), plan.armed());
        if (!after.outbox().isEmpty()) {
            queue.send(new Message.Recovery(UUID.randomUUID().toString(), after.orgId(), after.address()), recoveryDelay());
        }
        instances.commit(writes.apply(after));
        for (PendingTimer cancelled : plan.disarmed()) {
            try {
                wakeUps.disarm(after.orgId(), after.address(), cancelled);
            } catch (RuntimeException e) {
                LOG.warn("could not delete the wake-up of cancelled timer {}; it will be dropped when it fires",
                        cancelled.timerId(), e);
            }
        }
        sendOutbox(after);
        if (!plan.warnings().isEmpty()) {
            Instant at = clock.instant();
            logs.write(after.orgId(), after.machineName(), after.versionId(), after.name(), plan.warnings().stream()
                    .map(warning -> new LogRecord(LogRecord.Level.WARN, at, warning)).toList());
        }
        return after;
    }

    private void sendOutbox(Instance instance) {
        if (instance.outbox().isEmpty()) {
            return;
        }
        try {
            queue.sendAll(instance.outbox());
        } catch (RuntimeException e) {
            throw new OutboxNotSentException(instance, e);
        }
    }

    /**
     * Past the lease, so that a crashed holder's lease has lapsed when the recovery comes (the holder renews it
     * until it crashes). A recovery that comes while a live holder still processes waits for it, then finds nothing
     * to do.
     */
    private Duration recoveryDelay() {
        Duration delay = lease.duration().plus(RECOVERY_MARGIN);
        return delay.compareTo(MessageQueue.MAX_DELAY) > 0 ? MessageQueue.MAX_DELAY : delay;
    }

    private Instance recordInterruptions(Instance instance, List<JsonNode> interrupted) {
        if (interrupted.isEmpty()) {
            return instance;
        }
        Instance after = instance.owing(interrupted);
        instances.commit(instances.update(instance, after));
        return after;
    }

    private void flushLogs(MachineSession session, Instance instance) {
        var records = session.drainLogs();
        if (!records.isEmpty()) {
            logs.write(instance.orgId(), instance.machineName(), instance.versionId(), instance.name(), records);
        }
    }

    private ProcessingLease.Held take(String orgId, String machineName, String instanceName) {
        return lease.acquire(orgId, machineName, instanceName, budget.waitForInstance())
                .orElseThrow(() -> ApiException.conflict("instance " + instanceName + " stayed busy; retry"));
    }

    private Instance require(String orgId, String machineName, String instanceName) {
        return instances.find(orgId, machineName, instanceName)
                .orElseThrow(() -> ApiException.notFound("no instance " + instanceName + " of machine " + machineName));
    }

    private MachineVersion load(String orgId, String machineName, String versionId) {
        String code = versions.code(orgId, machineName, versionId)
                .orElseThrow(() -> ApiException.notFound("no version " + versionId + " of machine " + machineName));
        try {
            return engine.machine(versionId, code);
        } catch (EngineException e) {
            throw userCodeFailure(e);
        }
    }

    private static void authorize(boolean allowed) {
        if (!allowed) {
            throw ApiException.forbidden("rejected-by-machine-authorizer", "the machine's authorizer rejected the request");
        }
    }

    static ApiException userCodeFailure(EngineException e) {
        String detail = e instanceof UserCodeError error ? error.jsMessage() : e.getMessage();
        return ApiException.userCode(e.getClass().getSimpleName() + ": " + detail);
    }
}
