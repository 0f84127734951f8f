package dev.statebacked.testing;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Signs tokens the way @statebacked/token does: HS256, kid = key id, claims under act, official audience. */
public record TokenSigner(String keyId, String secret) {
    public String token(Map<String, ?> act) {
        return token(act, builder -> builder);
    }

    /** A token with the standard claims, then whatever {@code customize} changes. */
    public String token(Map<String, ?> act, UnaryOperator<JWTCreator.Builder> customize) {
        JWTCreator.Builder builder = JWT.create()
                .withKeyId(keyId)
                .withAudience("https://api.statebacked.dev/")
                .withIssuer("https://" + keyId + ".client.statebacked.dev/")
                .withIssuedAt(Instant.now())
                .withExpiresAt(Instant.now().plusSeconds(600))
                .withClaim("act", act);
        return customize.apply(builder).sign(Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8)));
    }
}
