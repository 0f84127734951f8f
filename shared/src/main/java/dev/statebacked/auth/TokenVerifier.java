package dev.statebacked.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * Verifies State Backed tokens: HS256 signed with an org key's secret (UTF-8 bytes), header {@code kid} =
 * key id, {@code exp} required, 60 s of clock skew, audience the official API's or our own, end-user claims
 * under {@code act} (top-level {@code sub} when {@code act} has none).
 */
public final class TokenVerifier {
    public static final String OFFICIAL_AUDIENCE = "https://api.statebacked.dev/";
    public static final long LEEWAY_SECONDS = 60;

    private final KeyCache keys;
    private final String[] audiences;
    private final Clock clock;

    public TokenVerifier(KeyCache keys, List<String> ownAudiences, Clock clock) {
        this.keys = keys;
        this.clock = clock;
        this.audiences = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(OFFICIAL_AUDIENCE),
                        ownAudiences.stream()
                                .flatMap(a -> java.util.stream.Stream.of(a, a.endsWith("/") ? a : a + "/")))
                .distinct()
                .toArray(String[]::new);
    }

    public Caller verify(String token) {
        DecodedJWT unverified;
        try {
            unverified = JWT.decode(token);
        } catch (JWTDecodeException e) {
            throw new InvalidTokenException("malformed token");
        }
        if (!"HS256".equals(unverified.getAlgorithm())) {
            throw new InvalidTokenException("token must be signed with HS256");
        }
        String keyId = unverified.getKeyId();
        if (keyId == null || keyId.isBlank()) {
            throw new InvalidTokenException("token header has no kid");
        }
        KeyCache.VerificationKey key =
                keys.find(keyId).orElseThrow(() -> new InvalidTokenException("unknown key " + keyId));
        DecodedJWT verified;
        try {
            verified = ((com.auth0.jwt.JWTVerifier.BaseVerification)
                            JWT.require(Algorithm.HMAC256(key.secret().getBytes(StandardCharsets.UTF_8)))
                                    .withAnyOfAudience(audiences)
                                    .withClaimPresence("exp")
                                    .acceptLeeway(LEEWAY_SECONDS))
                    .build(clock)
                    .verify(unverified);
        } catch (TokenExpiredException e) {
            throw new InvalidTokenException("token expired");
        } catch (JWTVerificationException e) {
            throw new InvalidTokenException("token rejected: " + e.getMessage());
        }
        return new Caller(key.key().orgId(), keyId, key.key().scopes(), endUserClaims(verified));
    }

    private static JsonNode endUserClaims(DecodedJWT jwt) {
        JsonNode payload;
        try {
            payload = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt.getPayload()));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new InvalidTokenException("malformed token payload");
        }
        JsonNode act = payload.get("act");
        if (act != null && act.isObject() && !act.isEmpty()) {
            return act;
        }
        ObjectNode fallback = Json.MAPPER.createObjectNode();
        if (payload.hasNonNull("sub")) {
            fallback.set("sub", payload.get("sub"));
        }
        return fallback;
    }
}
