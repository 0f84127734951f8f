package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.statebacked.failures.Conflict;
import dev.statebacked.failures.DomainException;
import dev.statebacked.failures.InvalidInput;
import dev.statebacked.failures.NotFound;
import dev.statebacked.failures.RejectedByAuthorizer;
import dev.statebacked.failures.UserCodeFailed;
import dev.statebacked.json.Json;
import dev.statebacked.messaging.InstanceAddress;
import dev.statebacked.messaging.Message;
import dev.statebacked.messaging.ReceiverNotReadyException;
import dev.statebacked.store.ConflictingWriteException;
import dev.statebacked.timers.PendingTimer;
import dev.statebacked.timers.TimerWakeUps;
import dev.statebacked.versions.Machine;
import dev.statebacked.versions.MachineRepository;
import dev.statebacked.versions.MachineVersions;
import dev.statebacked.versions.Migrations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every change of an instance, each in the instance's turn (see {@link ProcessingOrder}): events from API callers,
 * from other instances (exactly once per message id) and from its own timers, creation, status, desired version and
 * deletion. An event is authorized, transitioned, written at the {@link CommitPoint} and only then are its effects
 * run; then the services' done/error events are fed back in until the instance settles or its budget runs out
 * (see {@link Settler}). Each caller gets the state after its own event settled.
 */
public final class InstanceProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceProcessor.class);
    /**
     * A wake-up that finds its arming write missing this long after the timer was due is dropped: that write
     * failed (a write is not pending for seconds), so the timer never became pending.
     */
    private static final Duration ARMING_WRITE_GIVEN_UP = Duration.ofSeconds(30);
    /** How long a caller that cannot settle (an API function) waits for an instance's turn in its process. */
    private static final Duration WAIT_WITHOUT_SETTLING = Duration.ofSeconds(20);

    private final InstanceRepository instances;
    private final MachineRepository machines;
    private final MachineVersions versions;
    private final MachineEngine engine;
    private final ProcessingOrder order;
    private final CommitPoint commits;
    private final Settler settler;
    private final LogSink logs;
    private final SettleBudget budget;
    private final Clock clock;
    private final TimerWakeUps wakeUps;
    private final Migrations migrations;
    private final Upgrades upgrades;
    private final LoadedVersions loaded;

    public InstanceProcessor(
            InstanceRepository instances,
            MachineRepository machines,
            MachineVersions versions,
            MachineEngine engine,
            ProcessingOrder order,
            CommitPoint commits,
            LogSink logs,
            SettleBudget budget,
            Clock clock,
            TimerWakeUps wakeUps,
            Migrations migrations) {
        this.instances = instances;
        this.machines = machines;
        this.versions = versions;
        this.engine = engine;
        this.order = order;
        this.commits = commits;
        this.settler = new Settler(commits, order, logs, budget, clock);
        this.logs = logs;
        this.budget = budget;
        this.clock = clock;
        this.wakeUps = wakeUps;
        this.migrations = migrations;
        this.loaded = new LoadedVersions(versions, engine);
        this.upgrades = new Upgrades(
                migrations,
                settler,
                logs,
                (instance, versionId) -> load(instance.orgId(), instance.machineName(), versionId),
                engine::migration);
    }

    /** What reaches an existing instance. */
    private sealed interface Delivery {
        /** An event from an API caller; unless {@code settleHere}, one that starts services is handed off. */
        record External(JsonNode authContext, JsonNode event, Optional<String> requestId, boolean settleHere)
                implements Delivery {}

        /** An event from another instance, applied once per message id. */
        record FromInstance(Message.Event message) implements Delivery {}

        /** The wake-up of the pending timer {@code timerId}, armed by the instance's write number {@code armedBy}. */
        record TimerDue(String timerId, long armedBy, long dueAtMillis) implements Delivery {}

        /** Nothing to apply: only what a dead processor may have left undone (see {@link Message.Recovery}). */
        record Recovery() implements Delivery {}
    }

    /**
     * Creates an instance, runs its initial state's effects and returns its settled state. {@code requestId} marks
     * the transitions written for the request in the history (see {@link InstanceRepository#wroteForRequest}).
     */
    public InstanceState create(
            String orgId,
            JsonNode authContext,
            String machineName,
            String instanceName,
            JsonNode context,
            Optional<String> requestedVersionId,
            Optional<String> requestId) {
        return InstanceState.of(create(
                orgId,
                authContext,
                new InstanceAddress(machineName, instanceName),
                context,
                requestedVersionId,
                Optional.empty(),
                requestId,
                true));
    }

    /** Delivers an external event and returns the state once the instance settled (or its budget ran out). */
    public InstanceState send(
            String orgId,
            JsonNode authContext,
            String machineName,
            String instanceName,
            JsonNode event,
            Optional<String> requestId) {
        return InstanceState.of(process(
                        orgId,
                        new InstanceAddress(machineName, instanceName),
                        new Delivery.External(authContext, event, requestId, true))
                .orElseThrow());
    }

    /**
     * {@link #create}, unless the initial state starts services: then nothing is written and
     * {@link SettlesElsewhere} is thrown, for a processor with the time to settle them.
     */
    public InstanceState createUnlessItSettles(
            String orgId,
            JsonNode authContext,
            String machineName,
            String instanceName,
            JsonNode context,
            Optional<String> requestedVersionId) {
        return InstanceState.of(create(
                orgId,
                authContext,
                new InstanceAddress(machineName, instanceName),
                context,
                requestedVersionId,
                Optional.empty(),
                Optional.empty(),
                false));
    }

    /**
     * {@link #send}, unless the event's transition starts services (or services' error events are owed): then
     * nothing is written and {@link SettlesElsewhere} is thrown, for a processor with the time to settle them.
     */
    public InstanceState sendUnlessItSettles(
            String orgId, JsonNode authContext, String machineName, String instanceName, JsonNode event) {
        return InstanceState.of(process(
                        orgId,
                        new InstanceAddress(machineName, instanceName),
                        new Delivery.External(authContext, event, Optional.empty(), false))
                .orElseThrow());
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
                create(
                        message.orgId(),
                        message.parent().address().asSenderAuthContext(),
                        child,
                        message.context(),
                        Optional.ofNullable(message.versionId()),
                        Optional.of(message.parent()),
                        Optional.empty(),
                        true);
            } catch (DomainException e) {
                if (instances
                        .find(message.orgId(), child.machineName(), child.instanceName())
                        .isEmpty()) {
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
        String why = "child " + message.receiver() + " of " + parent + " was not created, and the "
                + message.then().size()
                + " event(s) sent with its creation were dropped: an instance of that name exists already"
                + existing.parent()
                        .map(p -> " (a child of " + p.address() + ")")
                        .orElse("");
        LOG.warn(why);
        logForInstance(message.orgId(), parent, why);
    }

    /** An error line in {@code address}'s logs (when it exists), for what the platform did not deliver to it. */
    public void logForInstance(String orgId, InstanceAddress address, String line) {
        instances
                .find(orgId, address.machineName(), address.instanceName())
                .ifPresent(i -> log(i, LogRecord.Level.ERROR, line));
    }

    private void log(Instance instance, LogRecord.Level level, String line) {
        logs.write(instance, List.of(new LogRecord(level, clock.instant(), line)));
    }

    /**
     * The wake-up of a pending timer: fires it, together with every other timer of the instance that is due by
     * now, in due order. A wake-up for a timer that is not pending (fired, cancelled) or an instance that is gone
     * is dropped; a paused instance rejects it (the queue tries again).
     */
    public void fireTimer(Message.TimerWakeUp wakeUp) {
        process(
                wakeUp.orgId(),
                wakeUp.receiver(),
                new Delivery.TimerDue(wakeUp.id(), wakeUp.armedBy(), wakeUp.dueAtMillis()));
    }

    /** Finishes what a processor that died after a write may have left undone: its messages, its services. */
    public void recover(Message.Recovery recovery) {
        process(recovery.orgId(), recovery.receiver(), new Delivery.Recovery());
    }

    /** Deletes the instance and its history in its turn, so no transition lands between the batches of the delete. */
    public void delete(Caller caller, String machineName, String instanceName) {
        inTurn(caller.orgId(), new InstanceAddress(machineName, instanceName), turn -> {
            commits.delete(require(turn, machineName, instanceName));
            return null;
        });
    }

    /** Pauses or resumes the instance: paused, it answers events with 409 and its timers wait. */
    public void setStatus(Caller caller, String machineName, String instanceName, InstanceStatus status) {
        inTurn(caller.orgId(), new InstanceAddress(machineName, instanceName), turn -> {
            Instance instance = require(turn, machineName, instanceName);
            return instance.status() == status
                    ? instance
                    : commits.update(instance, instance.withStatus(status), List.of());
        });
    }

    /** Records the version the instance should run; {@code check} vets the target against the instance first. */
    public void setDesiredVersion(
            Caller caller, String machineName, String instanceName, String versionId, Consumer<Instance> check) {
        inTurn(caller.orgId(), new InstanceAddress(machineName, instanceName), turn -> {
            Instance instance = require(turn, machineName, instanceName);
            check.accept(instance);
            migrations.path(caller.orgId(), machineName, instance.versionId(), versionId); // or NoMigrationPath
            return commits.update(instance, instance.withDesiredVersion(versionId), List.of());
        });
    }

    /** The state, if the machine's {@code allowRead} lets the caller see it. */
    public InstanceState read(Caller caller, String machineName, String instanceName) {
        return InstanceState.of(readable(caller, machineName, instanceName));
    }

    /** The instance as it is, if the version's {@code allowRead} lets the caller read it. */
    public Instance readable(Caller caller, String machineName, String instanceName) {
        Instance instance = instances
                .find(caller.orgId(), machineName, instanceName)
                .orElseThrow(() -> notFound(machineName, instanceName));
        MachineVersion version = load(caller.orgId(), machineName, instance.versionId());
        try (MachineSession session = version.openSession()) {
            try {
                authorize(session.allowRead(new ReadRequest(instanceName, caller.authContext(), instance.state())));
            } finally {
                // what allowRead printed, whether it allowed, refused or threw
                settler.flushLogs(session, instance);
            }
        } catch (EngineException e) {
            throw userCodeFailure(e);
        }
        return instance;
    }

    /**
     * For each auth context, whether the version's {@code allowRead} lets it read the instance as it is now: all
     * in one session. A version that cannot be loaded, or an authorizer that throws, answers no.
     */
    public List<Boolean> readableBy(Instance instance, List<JsonNode> authContexts) {
        List<Boolean> nobody = authContexts.stream().map(c -> false).toList();
        if (authContexts.isEmpty()) {
            return nobody;
        }
        try {
            MachineVersion version = load(instance.orgId(), instance.machineName(), instance.versionId());
            try (MachineSession session = version.openSession()) {
                List<Boolean> answers = new ArrayList<>();
                for (JsonNode context : authContexts) {
                    answers.add(allowsOrDenies(session, new ReadRequest(instance.name(), context, instance.state())));
                }
                settler.flushLogs(session, instance);
                return answers;
            }
        } catch (DomainException | EngineException e) {
            return nobody;
        }
    }

    private static boolean allowsOrDenies(MachineSession session, ReadRequest request) {
        try {
            return session.allowRead(request);
        } catch (EngineException e) {
            return false; // an authorizer that fails grants nothing
        }
    }

    private <T> T inTurn(String orgId, InstanceAddress address, Function<ProcessingOrder.Turn, T> work) {
        return inTurn(orgId, address, true, work);
    }

    /**
     * Without {@code settleHere} (an API function, which must answer within API Gateway's 30 s), the wait for the
     * turn is shorter and an instance that another process settles is handed off rather than waited for.
     */
    private <T> T inTurn(
            String orgId, InstanceAddress address, boolean settleHere, Function<ProcessingOrder.Turn, T> work) {
        return settleHere
                ? order.inTurn(orgId, address, budget.waitForInstance(), work)
                : order.inTurn(orgId, address, WAIT_WITHOUT_SETTLING, true, work);
    }

    private Instance create(
            String orgId,
            JsonNode authContext,
            InstanceAddress address,
            JsonNode context,
            Optional<String> requestedVersionId,
            Optional<Message.ParentLink> parent,
            Optional<String> requestId,
            boolean settleHere) {
        String machineName = address.machineName();
        Machine machine =
                machines.find(orgId, machineName).orElseThrow(() -> new NotFound("no machine " + machineName));
        String versionId = requestedVersionId
                .or(machine::currentVersionId)
                .orElseThrow(() ->
                        new InvalidInput("machineVersionId", "machine " + machineName + " has no current version"));
        MachineVersion version = load(orgId, machineName, versionId);
        return inTurn(orgId, address, settleHere, turn -> {
            if (turn.current().isPresent()) {
                throw exists(address);
            }
            try (MachineSession session = version.openSession()) {
                Transition initial = printingOnFailure(
                        session,
                        new LogTag(orgId, machineName, versionId, address.instanceName()),
                        "the creation",
                        () -> {
                            authorize(session.allowWrite(
                                    new WriteRequest.Initialization(address.instanceName(), authContext, context)));
                            return session.initialState(context);
                        });
                handOffIfItSettles(settleHere, initial);
                Instant now = clock.instant();
                Instance created;
                try {
                    created = settler.create(
                            session,
                            Instance.created(
                                    orgId,
                                    machineName,
                                    address.instanceName(),
                                    versionId,
                                    initial.state(),
                                    now,
                                    parent),
                            initial,
                            new Change.Created(Json.MAPPER.createObjectNode().put("type", "xstate.init"), requestId));
                } catch (ConflictingWriteException taken) {
                    throw exists(address);
                }
                return settler.settle(session, created, now.plus(budget.settle()));
            } catch (EngineException e) {
                throw userCodeFailure(e);
            }
        });
    }

    /** Empty only for a timer or recovery of an instance that no longer exists. */
    private Optional<Instance> process(String orgId, InstanceAddress address, Delivery delivery) {
        // an upgrade is a turn of its own, so that the event's turn starts from the written upgrade: losing a race
        // for the event's write then computes the event again, as for any first write
        while (true) {
            Optional<Optional<Instance>> processed = processOrUpgrade(orgId, address, delivery);
            if (processed.isPresent()) {
                return processed.get();
            }
        }
    }

    /** Empty when this turn only upgraded the instance. */
    private Optional<Optional<Instance>> processOrUpgrade(String orgId, InstanceAddress address, Delivery delivery) {
        boolean settleHere = !(delivery instanceof Delivery.External external) || external.settleHere();
        return inTurn(orgId, address, settleHere, turn -> {
            if (turn.current().isEmpty()) {
                return Optional.of(absent(address, delivery));
            }
            Instance instance = turn.current().get();
            if (turn.abandoned()) {
                instance = takeOverAbandoned(instance);
            }
            if (alreadyDone(instance, delivery)) {
                return Optional.of(Optional.of(instance));
            }
            if (instance.status() == InstanceStatus.PAUSED) {
                throw new Conflict("instance " + address.instanceName() + " is paused");
            }
            if ((delivery instanceof Delivery.External || delivery instanceof Delivery.FromInstance)
                    && upgradeIfDesired(instance) != instance) {
                return Optional.empty();
            }
            MachineVersion version = load(orgId, address.machineName(), instance.versionId());
            try (MachineSession session = version.openSession()) {
                Instance received = instance;
                return Optional.of(Optional.of(printingOnFailure(
                        session, LogTag.of(received), describe(delivery), () -> deliver(session, received, delivery))));
            } catch (EngineException e) {
                throw userCodeFailure(e);
            }
        });
    }

    /** Applies {@code delivery} to the instance (after the events it owes) and settles it. */
    private Instance deliver(MachineSession session, Instance instance, Delivery delivery) {
        Instant deadline = clock.instant().plus(budget.settle());
        if (delivery instanceof Delivery.External external
                && !external.settleHere()
                && !instance.owedEvents().isEmpty()) {
            throw new SettlesElsewhere();
        }
        instance = settler.deliverOwed(session, instance);
        instance = switch (delivery) {
            case Delivery.External external ->
                apply(
                        session,
                        instance,
                        external.authContext(),
                        external.event(),
                        Optional.empty(),
                        external.requestId(),
                        external.settleHere());
            case Delivery.FromInstance from ->
                isFromAnEndedChild(instance, from.message())
                        ? instance
                        : apply(
                                session,
                                instance,
                                from.message().sender().asSenderAuthContext(),
                                from.message().event(),
                                Optional.of(from.message().id()),
                                Optional.empty(),
                                true);
            case Delivery.TimerDue due -> fireDueTimers(session, instance, due.timerId());
            case Delivery.Recovery recovery -> instance;
        };
        return settler.settle(session, instance, deadline);
    }

    private static String describe(Delivery delivery) {
        return switch (delivery) {
            case Delivery.External external ->
                "the event " + external.event().path("type").asText();
            case Delivery.FromInstance from ->
                "the event " + from.message().event().path("type").asText() + " from "
                        + from.message().sender();
            case Delivery.TimerDue due -> "the timer " + due.timerId();
            case Delivery.Recovery recovery -> "the recovery";
        };
    }

    /** Where the lines of one instance's machine code go; the instance may not exist yet (its creation). */
    private record LogTag(String orgId, String machineName, String versionId, String instanceName) {
        static LogTag of(Instance instance) {
            return new LogTag(instance.orgId(), instance.machineName(), instance.versionId(), instance.name());
        }
    }

    /**
     * Runs {@code work} on {@code session}. When an authorizer refuses or machine code throws, what the session's
     * code printed is stored first (closing the session forgets it), and for a throw a line saying what failed: the
     * caller's answer says it too, but a timer or a message has no caller to tell.
     */
    private <T> T printingOnFailure(MachineSession session, LogTag tag, String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (RejectedByAuthorizer e) {
            write(tag, session.drainLogs());
            throw e;
        } catch (EngineException e) {
            List<LogRecord> lines = new ArrayList<>(session.drainLogs());
            lines.add(new LogRecord(
                    LogRecord.Level.ERROR,
                    clock.instant(),
                    what + " failed: " + userCodeFailure(e).getMessage()));
            write(tag, lines);
            throw e;
        }
    }

    private void write(LogTag tag, List<LogRecord> lines) {
        if (!lines.isEmpty()) {
            logs.write(tag.orgId(), tag.machineName(), tag.versionId(), tag.instanceName(), lines);
        }
    }

    /** A failed migration fails the event it came before, and is logged on the instance, which stays as it was. */
    private Instance upgradeIfDesired(Instance instance) {
        try {
            return upgrades.upgradeIfDesired(instance);
        } catch (EngineException e) {
            UserCodeFailed failure = userCodeFailure(e);
            log(
                    instance,
                    LogRecord.Level.ERROR,
                    "the upgrade to " + instance.desiredVersionId().orElse("") + " failed: " + failure.getMessage());
            throw failure;
        }
    }

    /** A timer or recovery of a deleted instance is dropped; anything else is answered 404 (a message tries again). */
    private static Optional<Instance> absent(InstanceAddress address, Delivery delivery) {
        if (delivery instanceof Delivery.TimerDue || delivery instanceof Delivery.Recovery) {
            LOG.info(
                    "{} for {} dropped: the instance was deleted",
                    delivery.getClass().getSimpleName(),
                    address);
            return Optional.empty();
        }
        throw notFound(address.machineName(), address.instanceName());
    }

    /**
     * What a settler that died (or failed) left undone: the messages of its last write are sent again (receivers
     * apply each id once), every ephemeral child its last state still had is owed an error event (those services
     * may or may not have run, and will never report back), and its pending timers are woken again.
     */
    private Instance takeOverAbandoned(Instance instance) {
        commits.sendOutboxUnlessSent(instance);
        Instance after = settler.release(
                instance,
                instance.owedEvents().isEmpty()
                        ? Settler.owedForEphemeralChildren(instance, "the service was interrupted before it finished")
                        : List.of());
        rearmTimers(after);
        return after;
    }

    /**
     * The dead settler may have been a worker that had received wake-ups of this instance: the queue hides those
     * for its visibility timeout (minutes), so its pending timers are woken again now. Best effort: the hidden
     * wake-ups still come after the timeout, so a failure here makes timers late, never lost.
     */
    private void rearmTimers(Instance instance) {
        try {
            wakeUps.rearm(instance.orgId(), instance.address(), instance.sequence(), instance.timers());
        } catch (RuntimeException e) {
            LOG.warn(
                    "could not re-arm the pending timers of {} after a dead settler; their first wake-ups will do",
                    instance.address(),
                    e);
        }
    }

    /**
     * A message applied before, a timer that is no longer pending, or a recovery whose messages were sent: nothing
     * to do. A wake-up can overtake the write that armed it (written by another process): it is tried again soon,
     * until that write lands or is certain to have failed.
     */
    private boolean alreadyDone(Instance instance, Delivery delivery) {
        return switch (delivery) {
            case Delivery.External external -> false;
            case Delivery.Recovery recovery -> {
                commits.sendOutboxUnlessSent(instance);
                yield true;
            }
            case Delivery.FromInstance from ->
                instances.applied(
                        instance.orgId(), instance.address(), from.message().id());
            case Delivery.TimerDue due -> {
                if (isPending(instance, due.timerId())) {
                    yield false;
                }
                if (instance.sequence() < due.armedBy()
                        && clock.millis() < due.dueAtMillis() + ARMING_WRITE_GIVEN_UP.toMillis()) {
                    throw new ReceiverNotReadyException(
                            "the write " + due.armedBy() + " that armed timer " + due.timerId() + " of "
                                    + instance.address() + " has not landed yet",
                            null);
                }
                yield true;
            }
        };
    }

    private static boolean isPending(Instance instance, String timerId) {
        return instance.timers().stream().anyMatch(t -> t.timerId().equals(timerId));
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
        boolean current = child != null
                && child.kind() == ChildRef.Kind.PERSISTENT
                && message.sender().equals(new InstanceAddress(child.machineName(), child.machineInstanceName()));
        if (!current) {
            String why = type + " from " + message.sender() + " dropped: not a current child of " + instance.address();
            LOG.info(why);
            log(instance, LogRecord.Level.WARN, why);
        }
        return !current;
    }

    private Instance apply(
            MachineSession session,
            Instance instance,
            JsonNode authContext,
            JsonNode event,
            Optional<String> messageId,
            Optional<String> requestId,
            boolean settleHere) {
        authorize(session.allowWrite(new WriteRequest.Event(instance.name(), authContext, instance.state(), event)));
        Transition transition = session.transition(instance.state(), event);
        handOffIfItSettles(settleHere, transition);
        return settler.take(
                session, instance, transition, List.of(), new Change.Transitioned(event, messageId, requestId));
    }

    private static void handOffIfItSettles(boolean settleHere, Transition transition) {
        if (!settleHere && Instance.hasEphemeralChildren(transition.state())) {
            throw new SettlesElsewhere();
        }
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
        if (timer.toSelf()) {
            return settler.take(
                    session,
                    instance.withTimers(rest),
                    session.transition(instance.state(), timer.event()),
                    instance.owedEvents(),
                    new Change.Transitioned(timer.event(), Optional.empty(), Optional.empty()));
        }
        // the message goes in the write's outbox, under the timer's id: sent again after a crash, applied once
        return commits.update(
                instance,
                instance.withTimers(rest),
                List.of(new Message.Event(
                        timer.timerId(), instance.orgId(), timer.receiver(), instance.address(), timer.event())));
    }

    private Instance require(ProcessingOrder.Turn turn, String machineName, String instanceName) {
        return turn.current().orElseThrow(() -> notFound(machineName, instanceName));
    }

    private static NotFound notFound(String machineName, String instanceName) {
        return new NotFound("no instance " + instanceName + " of machine " + machineName);
    }

    private static Conflict exists(InstanceAddress address) {
        return new Conflict("instance " + address.instanceName() + " exists");
    }

    private MachineVersion load(String orgId, String machineName, String versionId) {
        return loaded.load(orgId, machineName, versionId);
    }

    private static void authorize(boolean allowed) {
        if (!allowed) {
            throw new RejectedByAuthorizer("the machine's authorizer rejected the request");
        }
    }

    static UserCodeFailed userCodeFailure(EngineException e) {
        String detail = e instanceof UserCodeError error ? error.jsMessage() : e.getMessage();
        return new UserCodeFailed(e.getClass().getSimpleName() + ": " + detail);
    }
}
