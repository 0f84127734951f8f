package dev.statebacked.versions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A logical machine of an org: its name, indexes and the version new instances get. */
public record Machine(
        String orgId,
        String name,
        Instant createdAt,
        Optional<String> currentVersionId,
        List<String> indexes,
        long sequence) {
    public Machine {
        indexes = List.copyOf(indexes);
    }
}
