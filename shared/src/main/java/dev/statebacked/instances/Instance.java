package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.engine.PersistedState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored instance at one point of its history; {@code sequence} counts the writes to it.
 * {@code owedEvents} are the {@code error.platform.*} events of services that were stopped before they
 * finished, delivered before the instance's next event.
 */
public record Instance(String orgId, String machineName, String name, String versionId, InstanceStatus status,
                       PersistedState state, List<JsonNode> owedEvents, Instant createdAt, Instant updatedAt,
                       Optional<String> desiredVersionId, long sequence) {
    public Instance {
        owedEvents = List.copyOf(owedEvents);
    }

    /** After a transition: the new state, and the owed events that remain. */
    public Instance withState(PersistedState next, List<JsonNode> stillOwed, Instant at) {
        return new Instance(orgId, machineName, name, versionId, status, next, stillOwed, createdAt, at, desiredVersionId,
                sequence + 1);
    }

    public Instance owing(List<JsonNode> events) {
        return new Instance(orgId, machineName, name, versionId, status, state, events, createdAt, updatedAt,
                desiredVersionId, sequence + 1);
    }

    public Instance withStatus(InstanceStatus next) {
        return new Instance(orgId, machineName, name, versionId, next, state, owedEvents, createdAt, updatedAt,
                desiredVersionId, sequence + 1);
    }

    public Instance withDesiredVersion(String next) {
        return new Instance(orgId, machineName, name, versionId, status, state, owedEvents, createdAt, updatedAt,
                Optional.of(next), sequence + 1);
    }
}
