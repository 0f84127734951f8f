package dev.statebacked.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * An org. {@code administeredBy} names the org whose keys created it ({@code POST /orgs}): those keys may act in
 * it, with their own scopes, by naming it in {@code x-statebacked-org-id}.
 */
public record Org(
        String id, String name, boolean allowAnonymousAccess, Instant createdAt, Optional<String> administeredBy) {}
