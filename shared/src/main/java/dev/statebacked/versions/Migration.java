package dev.statebacked.versions;

import java.time.Instant;

/** A finalized migration of a machine's instances from one version to another (either direction). */
public record Migration(
        String orgId, String machineName, String id, String fromVersionId, String toVersionId, Instant createdAt) {}
