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
import dev.statebacked.store.ConflictingWriteException;
import dev.statebacked.versions.Machine;
import dev.statebacked.versions.MachineRepository;
import dev.statebacked.versions.MachineVersions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Processes events, one at a time per instance: take the instance's lease, deliver any interrupted services'
 * error events, authorize, transition, write the new state and its history in one conditional write, and
 * only then run the effects; then keep feeding the services' done/error events back in until the instance
 * settles or its budget runs out. Each caller gets the state after its own event settled.
 */
public final class InstanceProcessor {
    private final InstanceRepository instances;
    private final MachineRepository machines;
    private final MachineVersions versions;
    private final MachineEngine engine;
    private final ProcessingLease lease;
    private final LogSink logs;
    private final SettleBudget budget;
    private final Clock clock;

    public InstanceProcessor(InstanceRepository instances, MachineRepository machines, MachineVersions versions,
                             MachineEngine engine, ProcessingLease lease, LogSink logs, SettleBudget budget, Clock clock) {
        this.instances = instances;
        this.machines = machines;
        this.versions = versions;
        this.engine = engine;
        this.lease = lease;
        this.logs = logs;
        this.budget = budget;
        this.clock = clock;
    }

    /** Creates an instance, runs its initial state's effects and returns its settled state. */
    public InstanceState create(Caller caller, String machineName, String instanceName, JsonNode context,
                                Optional<String> requestedVersionId) {
        Machine machine = machines.find(caller.orgId(), machineName)
                .orElseThrow(() -> ApiException.notFound("no machine " + machineName));
        String versionId = requestedVersionId.or(machine::currentVersionId).orElseThrow(() ->
                ApiException.invalidParameter("machineVersionId", "machine " + machineName + " has no current version"));
        MachineVersion version = load(caller.orgId(), machineName, versionId);
        try (ProcessingLease.Held held = take(caller.orgId(), machineName, instanceName);
             MachineSession session = version.openSession()) {
            if (instances.find(caller.orgId(), machineName, instanceName).isPresent()) {
                throw ApiException.conflict("instance " + instanceName + " exists");
            }
            authorize(session.allowWrite(new WriteRequest.Initialization(instanceName, caller.authContext(), context)));
            Transition initial = session.initialState(context);
            Instant now = clock.instant();
            Instance created = new Instance(caller.orgId(), machineName, instanceName, versionId, InstanceStatus.RUNNING,
                    initial.state(), List.of(), now, now, Optional.empty(), 1);
            try {
                instances.commit(instances.create(created, initialEvent()));
            } catch (ConflictingWriteException exists) {
                throw ApiException.conflict("instance " + instanceName + " exists");
            }
            return InstanceState.of(afterWrite(session, created, initial, now.plus(budget.settle())));
        } catch (EngineException e) {
            throw userCodeFailure(e);
        }
    }

    /** Delivers an external event and returns the state once the instance settled (or its budget ran out). */
    public InstanceState send(Caller caller, String machineName, String instanceName, JsonNode event) {
        Instance before = require(caller.orgId(), machineName, instanceName);
        MachineVersion version = load(caller.orgId(), machineName, before.versionId());
        try (ProcessingLease.Held held = take(caller.orgId(), machineName, instanceName);
             MachineSession session = version.openSession()) {
            Instance instance = require(caller.orgId(), machineName, instanceName);
            if (instance.status() == InstanceStatus.PAUSED) {
                throw ApiException.conflict("instance " + instanceName + " is paused");
            }
            Instant deadline = clock.instant().plus(budget.settle());
            instance = deliverInterruptions(session, instance, held.previousHolderCrashed());
            authorize(session.allowWrite(new WriteRequest.Event(instanceName, caller.authContext(), instance.state(), event)));
            Transition transition = session.transition(instance.state(), event);
            Instance next = write(instance, transition, event, List.of());
            return InstanceState.of(afterWrite(session, next, transition, deadline));
        } catch (EngineException e) {
            throw userCodeFailure(e);
        }
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

    private Instance afterWrite(MachineSession session, Instance instance, Transition transition, Instant deadline) {
        session.runEffects(transition);
        flushLogs(session, instance);
        return settle(session, instance, deadline);
    }

    /** Feeds services' done/error events (and sends to self) back in until nothing runs or the budget is spent. */
    private Instance settle(MachineSession session, Instance instance, Instant deadline) {
        while (true) {
            boolean running = session.hasRunningServices();
            Duration remaining = Duration.between(clock.instant(), deadline);
            Optional<JsonNode> next = session.awaitNextEvent(running && !remaining.isNegative() ? remaining : Duration.ZERO);
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
            Transition transition;
            try {
                transition = session.transition(instance.state(), next.get());
            } catch (EngineException e) {
                // the caller's event is written already: a service event the machine's code fails on is logged and
                // dropped, and the services that died with the broken context are owed their error events
                logs.write(instance.orgId(), instance.machineName(), instance.versionId(), instance.name(), List.of(
                        new LogRecord(LogRecord.Level.ERROR, clock.instant(), "event " + next.get().path("type").asText()
                                + " was dropped: " + userCodeFailure(e).getMessage())));
                return recordInterruptions(instance, owedForEphemeralChildren(instance));
            }
            instance = write(instance, transition, next.get(), List.of());
            session.runEffects(transition);
            flushLogs(session, instance);
        }
    }

    /**
     * Error events owed for services that did not finish: recorded when a budget ran out, or, when the previous
     * holder of the lease died, every ephemeral child its last written state still had.
     */
    private Instance deliverInterruptions(MachineSession session, Instance instance, boolean previousHolderCrashed) {
        List<JsonNode> owed = new ArrayList<>(instance.owedEvents());
        if (previousHolderCrashed && owed.isEmpty()) {
            owed.addAll(owedForEphemeralChildren(instance));
        }
        while (!owed.isEmpty()) {
            JsonNode event = owed.removeFirst();
            Transition transition = session.transition(instance.state(), event);
            instance = write(instance, transition, event, List.copyOf(owed));
            session.runEffects(transition);
        }
        return instance;
    }

    /** An {@code error.platform.<id>} event for each ephemeral child the instance's state still has. */
    private static List<JsonNode> owedForEphemeralChildren(Instance instance) {
        List<JsonNode> owed = new ArrayList<>();
        instance.state().children().forEach((id, child) -> {
            if (child.kind() == ChildRef.Kind.EPHEMERAL) {
                ObjectNode error = Json.MAPPER.createObjectNode().put("type", "error.platform." + id);
                error.putObject("data").put("message", "the service was interrupted before it finished");
                owed.add(error);
            }
        });
        return owed;
    }

    private Instance write(Instance before, Transition transition, JsonNode event, List<JsonNode> stillOwed) {
        Instance after = before.withState(transition.state(), stillOwed, clock.instant());
        try {
            instances.commit(instances.transition(before, after, event));
        } catch (ConflictingWriteException e) {
            // only a holder whose lease lapsed can lose here: the instance moved on without it
            throw ApiException.conflict("instance " + before.name() + " was changed by another processor; retry");
        }
        return after;
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

    private static JsonNode initialEvent() {
        return Json.MAPPER.createObjectNode().put("type", "xstate.init");
    }

    static ApiException userCodeFailure(EngineException e) {
        String detail = e instanceof UserCodeError error ? error.jsMessage() : e.getMessage();
        return ApiException.userCode(e.getClass().getSimpleName() + ": " + detail);
    }

}
