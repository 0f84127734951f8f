package dev.statebacked.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.auth.TokenExchangeException.NoUserInClaims;
import dev.statebacked.auth.TokenExchangeException.SubjectTokenRejected;
import dev.statebacked.failures.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 8693 token exchange: a token from one of an org's identity providers becomes a State Backed token of one of
 * its token providers. The identity provider's mapping extracts claims from the subject token, the token provider's
 * mapping builds the end-user claims from those, and they are signed, as {@code act}, with the provider's key.
 */
public final class TokenExchange {
    /** The official client names the org and service in an audience on the hosted service's host, self-hosted too. */
    public static final String AUDIENCE_PREFIX = "https://tokens.statebacked.dev/";
    /** Issued tokens are short-lived; the client exchanges its subject token again when one expires. */
    static final Duration MAX_LIFETIME = Duration.ofHours(1);

    private final OrgDirectory orgs;
    private final IdentityProviderRepository identityProviders;
    private final TokenProviderRepository tokenProviders;
    private final SubjectTokens subjectTokens;
    private final AnonymousSessions anonymous;
    private final KeyCache keys;
    private final Clock clock;

    public TokenExchange(
            OrgDirectory orgs,
            IdentityProviderRepository identityProviders,
            TokenProviderRepository tokenProviders,
            SubjectTokens subjectTokens,
            AnonymousSessions anonymous,
            KeyCache keys,
            Clock clock) {
        this.orgs = orgs;
        this.identityProviders = identityProviders;
        this.tokenProviders = tokenProviders;
        this.subjectTokens = subjectTokens;
        this.anonymous = anonymous;
        this.keys = keys;
        this.clock = clock;
    }

    /** The signed State Backed token. */
    public String exchange(String audience, String subjectToken) {
        if (!audience.startsWith(AUDIENCE_PREFIX)) {
            throw new InvalidInput("audience", "audience must be " + AUDIENCE_PREFIX + "<orgId>/<service>");
        }
        String rest = audience.substring(AUDIENCE_PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new InvalidInput("audience", "audience must be " + AUDIENCE_PREFIX + "<orgId>/<service>");
        }
        String orgId = rest.substring(0, slash);
        String service = rest.substring(slash + 1);
        Org org = orgs.find(orgId).orElseThrow(() -> new InvalidInput("audience", "no org " + orgId));
        if (service.equals(AnonymousSessions.SERVICE)) {
            if (!org.allowAnonymousAccess()) {
                throw new SubjectTokenRejected("org " + orgId + " does not allow anonymous access");
            }
            AnonymousSessions.Session session = anonymous.verify(orgId, subjectToken);
            return sign(anonymous.signingKey(orgId), session.authContext(), session.expiresAt());
        }
        TokenProvider provider = tokenProviders
                .find(orgId, service)
                .orElseThrow(() -> new InvalidInput("audience", "org " + orgId + " has no token provider " + service));
        SubjectTokens.Verified verified = subjectTokens.verify(subjectToken, identityProviders.list(orgId));
        ObjectNode endUser =
                provider.mapping().apply(verified.provider().mapping().apply(verified.claims()));
        if (!namesUser(endUser, "sub") && !namesUser(endUser, "sid")) {
            throw new NoUserInClaims("the providers' mappings yield neither sub nor sid for this token");
        }
        KeyCache.VerificationKey key = keys.find(provider.keyId())
                .filter(k -> k.key().orgId().equals(orgId))
                .orElseThrow(() -> new InvalidInput(
                        "audience", "the key " + provider.keyId() + " of token provider " + service + " is gone"));
        return sign(key, endUser, verified.expiresAt());
    }

    private static boolean namesUser(JsonNode claims, String field) {
        JsonNode value = claims.get(field);
        return value != null && (value.isTextual() ? !value.asText().isEmpty() : value.isNumber());
    }

    private String sign(KeyCache.VerificationKey key, ObjectNode endUser, Instant subjectExpiresAt) {
        Instant now = clock.instant();
        Instant expiresAt =
                subjectExpiresAt.isBefore(now.plus(MAX_LIFETIME)) ? subjectExpiresAt : now.plus(MAX_LIFETIME);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("aud", TokenVerifier.OFFICIAL_AUDIENCE);
        payload.put("iat", now.getEpochSecond());
        payload.put("exp", expiresAt.getEpochSecond());
        if (endUser.path("sub").isTextual()) {
            payload.put("sub", endUser.path("sub").asText());
        }
        payload.put("act", endUser);
        return AtobReadableJwt.signHs256(key.key().id(), payload, key.secret().getBytes(StandardCharsets.UTF_8));
    }
}
