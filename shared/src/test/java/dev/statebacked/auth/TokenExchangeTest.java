package dev.statebacked.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.statebacked.auth.TokenExchangeException.NoUserInClaims;
import dev.statebacked.auth.TokenExchangeException.SubjectTokenRejected;
import dev.statebacked.failures.InvalidInput;
import dev.statebacked.json.Json;
import dev.statebacked.store.InMemoryItemStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exchange's rules on in-memory ports; JWKS providers and the official client are tested on the local stack. */
class TokenExchangeTest {
    private static final String ISSUER = "https://project.supabase.co/auth/v1";
    private final Clock clock = Clock.systemUTC();
    private final InMemoryItemStore store = new InMemoryItemStore();
    private final KeyRepository keys = new KeyRepository(store, new AesGcmSecretSealer(new byte[32]), clock);
    private final KeyCache keyCache = new KeyCache(keys, clock);
    private final OrgRepository orgRepository = new OrgRepository(store, clock);
    private final OrgDirectory orgs = new OrgDirectory(orgRepository, clock);
    private final IdentityProviderRepository identityProviders =
            new IdentityProviderRepository(store, new AesGcmSecretSealer(new byte[32]));
    private final TokenProviderRepository tokenProviders = new TokenProviderRepository(store);
    private final TokenVerifier verifier = new TokenVerifier(keyCache, List.of(), clock);
    private final TokenExchange exchange = new TokenExchange(
            orgs,
            identityProviders,
            tokenProviders,
            new SubjectTokens(identityProviders, clock),
            new AnonymousSessions(store, keys, keyCache, clock),
            keyCache,
            clock);
    private final byte[] sharedSecret = new byte[32];
    private final Org org = orgRepository.create("acme", true);
    private final IssuedKey key = keys.create(org.id(), "app", Scope.production());

    TokenExchangeTest() {
        new SecureRandom().nextBytes(sharedSecret);
        identityProviders.put(
                org.id(),
                Optional.of(ISSUER),
                Optional.of("authenticated"),
                List.of(JWSAlgorithm.HS256),
                Optional.of(sharedSecret),
                Optional.empty(),
                ClaimMapping.of(Json.readStored("{\"sub.$\":\"$.sub\",\"email.$\":\"$.email\"}")));
        tokenProviders.put(new TokenProvider(
                org.id(),
                "app",
                key.key().id(),
                ClaimMapping.of(
                        Json.readStored("{\"sub.$\":\"$.sub\",\"email.$\":\"$.email\",\"provider\":\"supabase\"}"))));
    }

    private String audience(String service) {
        return TokenExchange.AUDIENCE_PREFIX + org.id() + "/" + service;
    }

    private String subjectToken(JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(sharedSecret));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder user(String sub, Duration expiresIn) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience("authenticated")
                .subject(sub)
                .claim("email", sub + "@example.com")
                .expirationTime(Date.from(Instant.now().plus(expiresIn)));
    }

    @Test
    void theIssuedTokenCarriesBothMappingsAsItsEndUserAndIsSignedWithTheProvidersKey() throws Exception {
        String issued = exchange.exchange(audience("app"), subjectToken(user("user-1", Duration.ofMinutes(10))));

        Caller caller = verifier.verify(issued);
        assertThat(caller.orgId()).isEqualTo(org.id());
        assertThat(caller.keyId()).isEqualTo(key.key().id());
        assertThat(Json.write(caller.authContext()))
                .isEqualTo("{\"sub\":\"user-1\",\"email\":\"user-1@example.com\",\"provider\":\"supabase\"}");
    }

    @Test
    void theIssuedTokenExpiresWithTheSubjectTokenOrWithinAnHour() throws Exception {
        Instant shortLived = JWT.decode(
                        exchange.exchange(audience("app"), subjectToken(user("u", Duration.ofMinutes(5)))))
                .getExpiresAtAsInstant();
        Instant longLived = JWT.decode(exchange.exchange(audience("app"), subjectToken(user("u", Duration.ofDays(2)))))
                .getExpiresAtAsInstant();

        assertThat(shortLived).isBefore(Instant.now().plus(Duration.ofMinutes(6)));
        assertThat(longLived)
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(59)),
                        Instant.now().plus(Duration.ofMinutes(61)));
    }

    @Test
    void expiredWronglySignedOrUntrustedSubjectTokensAreRejected() throws Exception {
        assertThatThrownBy(() -> exchange.exchange(audience("app"), subjectToken(user("u", Duration.ofMinutes(-5)))))
                .isInstanceOf(SubjectTokenRejected.class)
                .hasMessageContaining("xpired");
        String forged = JWT.create()
                .withIssuer(ISSUER)
                .withAudience("authenticated")
                .withSubject("u")
                .withExpiresAt(Instant.now().plusSeconds(600))
                .sign(Algorithm.HMAC256("x".repeat(32).getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> exchange.exchange(audience("app"), forged)).isInstanceOf(SubjectTokenRejected.class);
        String otherIssuer = subjectToken(user("u", Duration.ofMinutes(5)).issuer("https://elsewhere.example"));
        assertThatThrownBy(() -> exchange.exchange(audience("app"), otherIssuer))
                .isInstanceOf(SubjectTokenRejected.class)
                .hasMessageContaining("no identity provider");
    }

    @Test
    void anAlgorithmTheProviderDoesNotListIsRejectedBeforeAnyKeyIsTried() throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS512),
                user("u", Duration.ofMinutes(5)).build());
        byte[] longSecret = new byte[64];
        jwt.sign(new MACSigner(longSecret));

        assertThatThrownBy(() -> exchange.exchange(audience("app"), jwt.serialize()))
                .isInstanceOf(SubjectTokenRejected.class)
                .hasMessageContaining("does not allow HS512");
    }

    @Test
    void mappingsThatNameNoUserIssueNothing() throws Exception {
        String noSub = subjectToken(user("u", Duration.ofMinutes(5)).subject(null));

        assertThatThrownBy(() -> exchange.exchange(audience("app"), noSub)).isInstanceOf(NoUserInClaims.class);
    }

    @Test
    void anUnknownOrgOrServiceOrAMalformedAudienceIsTheAudiencesFault() throws Exception {
        String token = subjectToken(user("u", Duration.ofMinutes(5)));
        for (String audience : List.of(
                audience("nope"),
                TokenExchange.AUDIENCE_PREFIX + "org_missing/app",
                "https://example.com/" + org.id() + "/app",
                TokenExchange.AUDIENCE_PREFIX + org.id())) {
            assertThatThrownBy(() -> exchange.exchange(audience, token))
                    .as(audience)
                    .isInstanceOf(InvalidInput.class)
                    .extracting(e -> ((InvalidInput) e).parameter())
                    .isEqualTo("audience");
        }
    }

    @Test
    void anAnonymousSessionGetsItsSessionAndDeviceAsAuthContextWhereTheOrgAllowsIt() {
        String anonymousScope = "https://" + org.id() + ".anonymous.auth.statebacked.dev";
        String selfSigned = JWT.create()
                .withIssuer(anonymousScope)
                .withAudience(anonymousScope)
                .withClaim("sid", "session-1")
                .withClaim("did", "device-1")
                .withExpiresAt(Instant.now().plusSeconds(86400))
                .sign(Algorithm.HMAC256(org.id().getBytes(StandardCharsets.UTF_8)));

        Caller caller = verifier.verify(exchange.exchange(audience(AnonymousSessions.SERVICE), selfSigned));
        Caller again = verifier.verify(exchange.exchange(audience(AnonymousSessions.SERVICE), selfSigned));

        assertThat(Json.write(caller.authContext()))
                .isEqualTo("{\"sid\":\"session-1\",\"did\":\"device-1\",\"auth\":\"anonymous\"}");
        assertThat(caller.scopes()).isEqualTo(Scope.production());
        assertThat(again.keyId()).as("one key per org").isEqualTo(caller.keyId());

        Org closed = orgRepository.create("closed", false);
        String closedScope = "https://" + closed.id() + ".anonymous.auth.statebacked.dev";
        String forClosed = JWT.create()
                .withIssuer(closedScope)
                .withAudience(closedScope)
                .withClaim("sid", "s")
                .withExpiresAt(Instant.now().plusSeconds(600))
                .sign(Algorithm.HMAC256(closed.id().getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> exchange.exchange(
                        TokenExchange.AUDIENCE_PREFIX + closed.id() + "/" + AnonymousSessions.SERVICE, forClosed))
                .isInstanceOf(SubjectTokenRejected.class)
                .hasMessageContaining("does not allow anonymous access");
    }

    @Test
    void aKeyActsInTheOrgsItsOrgCreatedAndInNoOther() {
        Org child = orgRepository.create("child", true, Optional.of(org.id()));
        Org stranger = orgRepository.create("stranger", true);
        Caller caller = verifier.verify(JWT.create()
                .withKeyId(key.key().id())
                .withAudience(TokenVerifier.OFFICIAL_AUDIENCE)
                .withExpiresAt(Instant.now().plusSeconds(600))
                .sign(Algorithm.HMAC256(key.secret().getBytes(StandardCharsets.UTF_8))));

        assertThat(orgs.actIn(caller, child.id()).orgId()).isEqualTo(child.id());
        assertThat(orgs.actIn(caller, "").orgId()).isEqualTo(org.id());
        assertThatThrownBy(() -> orgs.actIn(caller, stranger.id())).isInstanceOf(OrgAccessDeniedException.class);
        assertThat(orgRepository.administeredBy(org.id())).extracting(Org::id).containsExactly(child.id());
    }
}
