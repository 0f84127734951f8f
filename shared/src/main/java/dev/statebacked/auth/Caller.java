package dev.statebacked.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Who is calling: the org and key that signed the token, what the key may do, and the end-user claims
 * that machines' {@code allowRead}/{@code allowWrite} see as {@code authContext}.
 */
public record Caller(String orgId, String keyId, Set<Scope> scopes, JsonNode authContext) {
    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public boolean may(Scope scope) {
        return scopes.contains(scope);
    }

    public Caller actingAs(JsonNode otherAuthContext) {
        return new Caller(orgId, keyId, scopes, otherAuthContext);
    }
}
