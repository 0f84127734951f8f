package dev.statebacked.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.auth.TokenExchangeException.SubjectTokenRejected;
import dev.statebacked.json.Json;
import dev.statebacked.store.ConflictingWriteException;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.ItemStore;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * Anonymous sessions of orgs that allow them. The official client signs its own token (HS256 keyed by the org
 * id, which is no secret: the token proves nothing but the session and device ids it carries) and exchanges it
 * for service {@link #SERVICE}; the issued token's auth context is {@code { sid, did, auth: "anonymous" }},
 * signed with a key the org gets at its first anonymous session, with the production scopes.
 */
public final class AnonymousSessions {
    public static final String SERVICE = "anonymous-statebacked-dev";
    private static final String KEY_NAME = "anonymous sessions";

    private final ItemStore store;
    private final KeyRepository keys;
    private final KeyCache keyCache;
    private final Clock clock;

    public AnonymousSessions(ItemStore store, KeyRepository keys, KeyCache keyCache, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.keyCache = keyCache;
        this.clock = clock;
    }

    public record Session(ObjectNode authContext, Instant expiresAt) {}

    public Session verify(String orgId, String token) {
        String scope = "https://" + orgId + ".anonymous.auth.statebacked.dev";
        DecodedJWT jwt;
        try {
            jwt = ((com.auth0.jwt.JWTVerifier.BaseVerification)
                            JWT.require(Algorithm.HMAC256(orgId.getBytes(StandardCharsets.UTF_8)))
                                    .withIssuer(scope)
                                    .withAudience(scope)
                                    .withClaimPresence("exp")
                                    .withClaimPresence("sid")
                                    .acceptLeeway(TokenVerifier.LEEWAY_SECONDS))
                    .build(clock)
                    .verify(token);
        } catch (JWTVerificationException e) {
            throw new SubjectTokenRejected("anonymous token rejected: " + e.getMessage());
        }
        String sid = jwt.getClaim("sid").asString();
        if (sid == null || sid.isEmpty()) {
            throw new SubjectTokenRejected("anonymous token has no sid");
        }
        String did = jwt.getClaim("did").isMissing() ? sid : jwt.getClaim("did").asString();
        ObjectNode authContext =
                Json.MAPPER.createObjectNode().put("sid", sid).put("did", did).put("auth", "anonymous");
        return new Session(authContext, jwt.getExpiresAtAsInstant());
    }

    /** The org's anonymous-session key, made at its first use (the first of two racing makers wins). */
    public KeyCache.VerificationKey signingKey(String orgId) {
        ItemKey pointer = new ItemKey("org#" + orgId, "anonymous-key");
        var stored = store.get(pointer);
        if (stored.isPresent()) {
            var key = keyCache.find(
                    Json.readStored(stored.get().body()).path("keyId").asText());
            if (key.isPresent()) {
                return key.get();
            }
        }
        IssuedKey issued = keys.create(orgId, KEY_NAME, Scope.production());
        StoredItem item = StoredItem.of(
                pointer,
                1,
                Json.write(
                        Json.MAPPER.createObjectNode().put("keyId", issued.key().id())));
        try {
            store.write(stored.isPresent() ? new Write.Put(item) : new Write.PutIfAbsent(item));
        } catch (ConflictingWriteException lostTheRace) {
            keys.delete(orgId, issued.key().id());
            return signingKey(orgId);
        }
        return keyCache.find(issued.key().id()).orElseThrow();
    }
}
