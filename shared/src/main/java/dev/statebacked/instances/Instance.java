package dev.statebacked.instances;

import java.time.Instant;
import java.util.Optional;

/** A stored instance at one point of its history; {@code sequence} counts its transitions. */
public record Instance(String orgId, String machineName, String name, String versionId, InstanceStatus status,
                       InstanceSnapshot snapshot, Instant createdAt, Instant updatedAt,
                       Optional<String> desiredVersionId, long sequence) {

    public Instance withSnapshot(InstanceSnapshot next, Instant at) {
        return new Instance(orgId, machineName, name, versionId, status, next, createdAt, at, desiredVersionId, sequence + 1);
    }

    public Instance withStatus(InstanceStatus next) {
        return new Instance(orgId, machineName, name, versionId, next, snapshot, createdAt, updatedAt, desiredVersionId,
                sequence + 1);
    }

    public Instance withDesiredVersion(String next) {
        return new Instance(orgId, machineName, name, versionId, status, snapshot, createdAt, updatedAt, Optional.of(next),
                sequence + 1);
    }
}
