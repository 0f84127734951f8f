package dev.statebacked.versions;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** An immutable, finalized version of a machine's code. */
public record MachineVersion(
        String orgId,
        String machineName,
        String id,
        Instant createdAt,
        Optional<String> clientInfo,
        Map<String, String> indexSelectors) {
    public MachineVersion {
        indexSelectors = Map.copyOf(indexSelectors);
    }
}
