package dev.statebacked.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.statebacked.auth.TokenExchangeException.IdentityProviderUnavailable;
import dev.statebacked.auth.TokenExchangeException.SubjectTokenRejected;
import dev.statebacked.json.Json;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies tokens issued by an org's identity providers. JWKS are fetched with bounded time and size, cached for
 * five minutes, refetched when a token names a key id the cache lacks (at most twice in 30 s: rotation without
 * letting forged key ids hammer the issuer), and served from the cache while the issuer is unreachable.
 */
public final class SubjectTokens {
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 3_000;
    private static final int JWKS_SIZE_LIMIT = 256 * 1024;
    private static final long CACHE_MILLIS = 5 * 60 * 1000L;
    private static final long REFRESH_WAIT_MILLIS = 5_000;
    private static final long CLOCK_SKEW_SECONDS = 60;
    /** The types identity providers put in access tokens' headers (RFC 9068's included), or none. */
    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> TYPES = new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, null, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"));

    private final IdentityProviderRepository providers;
    private final Clock clock;
    private final ConcurrentHashMap<URI, JWKSource<SecurityContext>> keySets = new ConcurrentHashMap<>();

    public SubjectTokens(IdentityProviderRepository providers, Clock clock) {
        this.providers = providers;
        this.clock = clock;
    }

    public record Verified(IdentityProvider provider, JsonNode claims, Instant expiresAt) {}

    /** The token's claims, verified by the most specific of these providers that its iss/aud name. */
    public Verified verify(String token, List<IdentityProvider> orgProviders) {
        SignedJWT jwt;
        JWTClaimsSet unverified;
        try {
            jwt = SignedJWT.parse(token);
            unverified = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new SubjectTokenRejected("subject_token is not a signed JWT");
        }
        Optional<String> issuer = Optional.ofNullable(unverified.getIssuer());
        List<String> audiences = unverified.getAudience();
        IdentityProvider provider = orgProviders.stream()
                .filter(p -> p.matches(issuer, audiences))
                .max(Comparator.comparingInt(IdentityProvider::specificity))
                .orElseThrow(() -> new SubjectTokenRejected("no identity provider of this org trusts issuer "
                        + issuer.orElse("(none)") + " and audience " + audiences));
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!provider.algs().contains(alg)) {
            throw new SubjectTokenRejected(
                    "the identity provider does not allow " + alg + " (allowed: " + provider.algs() + ")");
        }
        JWTClaimsSet claims = process(jwt, provider);
        if (claims.getIssueTime() != null
                && claims.getIssueTime().toInstant().isAfter(clock.instant().plusSeconds(CLOCK_SKEW_SECONDS))) {
            throw new SubjectTokenRejected("subject_token was issued in the future");
        }
        return new Verified(
                provider,
                Json.MAPPER.valueToTree(claims.toJSONObject()),
                claims.getExpirationTime().toInstant());
    }

    private JWTClaimsSet process(SignedJWT jwt, IdentityProvider provider) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(TYPES);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(new HashSet<>(provider.algs()), keysOf(provider)));
        DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier =
                new DefaultJWTClaimsVerifier<>(null, new JWTClaimsSet.Builder().build(), Set.of("exp"));
        claimsVerifier.setMaxClockSkew((int) CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claimsVerifier);
        try {
            return processor.process(jwt, null);
        } catch (KeySourceException e) {
            throw new IdentityProviderUnavailable(
                    "the identity provider's JWKS could not be fetched or read: " + e.getMessage());
        } catch (BadJOSEException | JOSEException e) {
            throw new SubjectTokenRejected("subject_token rejected: " + e.getMessage());
        }
    }

    private JWKSource<SecurityContext> keysOf(IdentityProvider provider) {
        if (provider.usesSharedSecret()) {
            return new ImmutableSecret<>(providers.secretOf(provider));
        }
        URI url = provider.jwksUrl().orElseThrow(() -> new IllegalStateException("provider has no JWKS URL"));
        return keySets.computeIfAbsent(url, SubjectTokens::remoteKeySet);
    }

    private static JWKSource<SecurityContext> remoteKeySet(URI url) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(
                            url.toURL(),
                            new DefaultResourceRetriever(CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT))
                    .cache(CACHE_MILLIS, REFRESH_WAIT_MILLIS)
                    .outageTolerant(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("stored JWKS URL is not a URL: " + url, e);
        }
    }
}
