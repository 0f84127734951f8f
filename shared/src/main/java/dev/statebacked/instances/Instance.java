package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.engine.PersistedState;
import dev.statebacked.messaging.InstanceAddress;
import dev.statebacked.messaging.Message;
import dev.statebacked.timers.PendingTimer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored instance at one point of its history; {@code sequence} counts the writes to it.
 * {@code owedEvents} are the {@code error.platform.*} events of services that were stopped before they
 * finished, delivered before the instance's next event. {@code timers} are its pending durable timers;
 * {@code outbox} the messages of its latest write, sent after that write (again by whoever takes over the
 * instance from a holder that crashed); {@code parent} is set for a persistent child.
 */
public record Instance(String orgId, String machineName, String name, String versionId, InstanceStatus status,
                       PersistedState state, List<JsonNode> owedEvents, Instant createdAt, Instant updatedAt,
                       Optional<String> desiredVersionId, long sequence, List<PendingTimer> timers,
                       List<Message> outbox, Optional<Message.ParentLink> parent) {
    public Instance {
        owedEvents = List.copyOf(owedEvents);
        timers = List.copyOf(timers);
        outbox = List.copyOf(outbox);
    }

    /** A new instance with its initial state. */
    public static Instance created(String orgId, String machineName, String name, String versionId, PersistedState state,
                                   Instant at, Optional<Message.ParentLink> parent) {
        return new Instance(orgId, machineName, name, versionId, InstanceStatus.RUNNING, state, List.of(), at, at,
                Optional.empty(), 1, List.of(), List.of(), parent);
    }

    public InstanceAddress address() {
        return new InstanceAddress(machineName, name);
    }

    /** After a transition: the new state, and the owed events that remain. */
    public Instance withState(PersistedState next, List<JsonNode> stillOwed, Instant at) {
        return new Instance(orgId, machineName, name, versionId, status, next, stillOwed, createdAt, at, desiredVersionId,
                sequence + 1, timers, List.of(), parent);
    }

    /** The durable side of the same write: pending timers and the messages to send once it is written. */
    public Instance withEffects(List<PendingTimer> nextTimers, List<Message> nextOutbox) {
        return new Instance(orgId, machineName, name, versionId, status, state, owedEvents, createdAt, updatedAt,
                desiredVersionId, sequence, nextTimers, nextOutbox, parent);
    }

    /** The same write with other pending timers (a timer fired, so it is no longer pending). */
    public Instance withTimers(List<PendingTimer> nextTimers) {
        return withEffects(nextTimers, outbox);
    }

    /** The next write of this instance without a transition (its timers or outbox changed). */
    public Instance successor() {
        return new Instance(orgId, machineName, name, versionId, status, state, owedEvents, createdAt, updatedAt,
                desiredVersionId, sequence + 1, timers, outbox, parent);
    }

    public Instance owing(List<JsonNode> events) {
        return new Instance(orgId, machineName, name, versionId, status, state, events, createdAt, updatedAt,
                desiredVersionId, sequence + 1, timers, outbox, parent);
    }

    public Instance withStatus(InstanceStatus next) {
        return new Instance(orgId, machineName, name, versionId, next, state, owedEvents, createdAt, updatedAt,
                desiredVersionId, sequence + 1, timers, outbox, parent);
    }

    public Instance withDesiredVersion(String next) {
        return new Instance(orgId, machineName, name, versionId, status, state, owedEvents, createdAt, updatedAt,
                Optional.of(next), sequence + 1, timers, outbox, parent);
    }
}
