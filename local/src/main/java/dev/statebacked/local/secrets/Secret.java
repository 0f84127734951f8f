package dev.statebacked.local.secrets;

import java.time.Instant;

/** One secret with its one current version: the service stores a key it reads, it never rotates one. */
record Secret(
        String name, String arn, String versionId, String secretString, String description, Instant createdDate) {}
