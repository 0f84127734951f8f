package dev.statebacked.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Who is calling: the org and key that signed the token, what the key may do, and the end-user claims
 * that machines' {@code allowRead}/{@code allowWrite} see as {@code authContext}.
 */
public record Caller(String orgId, String keyId, Set<Scope> scopes, JsonNode authContext) {
    public Caller {
        scopes = Set.copyOf(scopes);
        authContext = withoutSender(authContext);
    }

    /**
     * {@code stateBackedSender} is what the service tells a machine about events from other instances: a token
     * (or an act-as header) cannot claim it, or any end user could pass for a parent or a child.
     */
    private static JsonNode withoutSender(JsonNode authContext) {
        if (authContext instanceof ObjectNode object && object.has("stateBackedSender")) {
            ObjectNode copy = object.deepCopy();
            copy.remove("stateBackedSender");
            return copy;
        }
        return authContext;
    }

    public boolean may(Scope scope) {
        return scopes.contains(scope);
    }

    /** The same key and end user, acting in an org the key's org administers. */
    public Caller inOrg(String otherOrgId) {
        return new Caller(otherOrgId, keyId, scopes, authContext);
    }

    public Caller actingAs(JsonNode otherAuthContext) {
        return new Caller(orgId, keyId, scopes, otherAuthContext);
    }
}
