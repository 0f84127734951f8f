package dev.statebacked.auth;

import java.time.Instant;
import java.util.Set;

/** An org's signing key. The secret is kept sealed; {@link IssuedKey} is the only time it is shown. */
public record ApiKey(String id, String orgId, String name, Set<Scope> scopes, String sealedSecret, Instant createdAt) {
    public ApiKey {
        scopes = Set.copyOf(scopes);
    }
}
