package dev.statebacked.auth;

import static dev.statebacked.auth.IdentityFixtures.claims;
import static dev.statebacked.auth.IdentityFixtures.exchange;
import static dev.statebacked.auth.IdentityFixtures.exchangeForm;
import static dev.statebacked.auth.IdentityFixtures.formBody;
import static dev.statebacked.auth.IdentityFixtures.hmacProvider;
import static dev.statebacked.auth.IdentityFixtures.jwksProvider;
import static dev.statebacked.auth.IdentityFixtures.payload;
import static dev.statebacked.auth.IdentityFixtures.postTokens;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.statebacked.auth.IdentityFixtures.TestOrg;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.JwksServer;
import dev.statebacked.testing.RunningStack;
import dev.statebacked.testing.TokenSigner;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The identity rules' bad inputs over raw HTTP: {@code POST /tokens} (RFC 8693 token exchange, form-encoded,
 * no authorization header) refuses every malformed request, bad subject token, unreachable or broken JWKS and
 * user-less mapping with the contract's status and code, and issues nothing; the admin routes of identity
 * providers, token providers and orgs refuse bad configurations with 400 {@code invalid-parameter}. Each rule's
 * good case is checked too, so a refusal is never a refusal of everything.
 */
class TokenExchangeBadInputTest {
    private static final Map<String, Object> IDP_MAPPING = Map.of("sub.$", "$.sub", "email.$", "$.email");
    private static final String SERVICE = Deployments.freshName("app");
    private static final String USERLESS_SERVICE = Deployments.freshName("userless");
    private static final String AUDIENCE = "authenticated";

    private static TestOrg org;
    private static ApiClient admin;
    private static byte[] sharedSecret;
    private static String supabaseIss;
    private static JwksServer jwks;
    private static String rsaIss;
    private static JwksServer hanging;
    private static String hangingIss;
    private static JwksServer garbage;
    private static String garbageIss;
    private static JwksServer cachedThenHanging;
    private static String cachedThenHangingIss;

    @BeforeAll
    static void configureAnOrgWithProviders() {
        org = TestOrg.create(Deployments.freshName("identity-bad-input"), true);
        admin = org.admin();
        sharedSecret = new byte[32];
        new SecureRandom().nextBytes(sharedSecret);
        supabaseIss = "https://" + Deployments.freshName("project") + ".supabase.co/auth/v1";
        org.upsertIdp(hmacProvider(supabaseIss, AUDIENCE, List.of("HS256"), sharedSecret, IDP_MAPPING));

        jwks = JwksServer.start();
        rsaIss = "https://" + Deployments.freshName("tenant") + ".auth0.test/";
        org.upsertIdp(jwksProvider(rsaIss, AUDIENCE, List.of("RS256"), jwks, IDP_MAPPING));
        hanging = JwksServer.start();
        hangingIss = "https://" + Deployments.freshName("hanging") + ".auth0.test/";
        org.upsertIdp(jwksProvider(hangingIss, AUDIENCE, List.of("RS256"), hanging, IDP_MAPPING));
        garbage = JwksServer.start();
        garbageIss = "https://" + Deployments.freshName("garbage") + ".auth0.test/";
        org.upsertIdp(jwksProvider(garbageIss, AUDIENCE, List.of("RS256"), garbage, IDP_MAPPING));
        cachedThenHanging = JwksServer.start();
        cachedThenHangingIss = "https://" + Deployments.freshName("cached") + ".auth0.test/";
        org.upsertIdp(jwksProvider(cachedThenHangingIss, AUDIENCE, List.of("RS256"), cachedThenHanging, IDP_MAPPING));

        org.upsertTokenProvider(SERVICE, Map.of("sub.$", "$.sub", "email.$", "$.email", "provider", "test"));
        org.upsertTokenProvider(USERLESS_SERVICE, Map.of("email.$", "$.email", "kind", "no-user"));
    }

    @AfterAll
    static void stopTheJwksServers() {
        for (JwksServer server : new JwksServer[] {jwks, hanging, garbage, cachedThenHanging}) {
            if (server != null) {
                server.close();
            }
        }
    }

    /** A good Supabase-style subject token for {@code sub}, valid 10 minutes. */
    private static String supabaseToken(String sub) {
        return hmac(claims(supabaseIss, AUDIENCE, sub, Duration.ofMinutes(10)).build());
    }

    private static String hmac(JWTClaimsSet claims) {
        return JwksServer.signHmac(sharedSecret, JWSAlgorithm.HS256, null, claims);
    }

    private static String rsaToken(String sub) {
        return jwks.sign(
                jwks.rsaKeyId(),
                JWSAlgorithm.RS256,
                claims(rsaIss, AUDIENCE, sub, Duration.ofMinutes(10)).build());
    }

    /** The exchange was refused with {@code status} (and {@code code} when not null), and no token was issued. */
    private static void refused(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().has("access_token")).as(response.body()).isFalse();
        assertThat(response.json().path("error").isTextual())
                .as("an error text: %s", response.body())
                .isTrue();
        if (code != null) {
            assertThat(response.code()).as(response.body()).isEqualTo(code);
        }
    }

    private static void invalidParameter(ApiClient.Response response, String parameter) {
        refused(response, 400, "invalid-parameter");
        if (parameter != null) {
            assertThat(response.json().path("parameter").asText())
                    .as(response.body())
                    .isEqualTo(parameter);
        }
    }

    /** The exchange issued a token: the contract's three fields, and the claims the mappings make. */
    private static JsonNode issued(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("token_type").asText()).as(response.body()).isEqualTo("Bearer");
        assertThat(body.path("issued_token_type").asText())
                .as(response.body())
                .isEqualTo(IdentityFixtures.ACCESS_TOKEN_TYPE);
        assertThat(body.path("access_token").asText()).as(response.body()).isNotBlank();
        return payload(body.path("access_token").asText());
    }

    @Nested
    class GoodExchanges {
        @Test
        void aGoodSubjectTokenIsExchangedForAnHs256TokenOfTheProvidersKeyWhoseActIsTheMappedClaims() {
            String sub = Deployments.freshName("user");
            ApiClient.Response response = exchange(org.id(), SERVICE, supabaseToken(sub));

            JsonNode claims = issued(response);
            assertThat(claims.path("act"))
                    .isEqualTo(dev.statebacked.json.Json.MAPPER.valueToTree(
                            Map.of("sub", sub, "email", sub + "@example.com", "provider", "test")));
            JsonNode header =
                    IdentityFixtures.header(response.json().path("access_token").asText());
            assertThat(header.path("alg").asText()).isEqualTo("HS256");
            assertThat(header.path("kid").asText()).isEqualTo(org.productionKeyId());
        }

        @Test
        void theIssuedTokenActsForTheMappedUserWithTheProvidersKey() {
            String sub = Deployments.freshName("user");
            String token = exchange(org.id(), SERVICE, supabaseToken(sub))
                    .json()
                    .path("access_token")
                    .asText();

            ApiClient.Response machines = admin.send("GET", "/machines", null, token);
            // the production key has no machines.read scope: the token is the key's, refused for scope, not for auth
            assertThat(machines.status()).as(machines.body()).isEqualTo(403);
            assertThat(machines.code()).as(machines.body()).isEqualTo("missing-scope");
        }

        @Test
        void theIssuedTokenExpiresWithTheSubjectTokenWhenThatIsWithinTheHour() {
            Instant subjectExpiry = Instant.now().plusSeconds(600);
            String subject = hmac(claims(supabaseIss, AUDIENCE, Deployments.freshName("user"), Duration.ofMinutes(10))
                    .expirationTime(Date.from(subjectExpiry))
                    .build());

            JsonNode claims = issued(exchange(org.id(), SERVICE, subject));

            assertThat(claims.path("exp").isNumber()).as(claims.toString()).isTrue();
            assertThat(claims.path("exp").asLong())
                    .isBetween(subjectExpiry.getEpochSecond() - 1, subjectExpiry.getEpochSecond());
        }

        @Test
        void theIssuedTokenExpiresWithinTheHourWhenTheSubjectTokenLivesLonger() {
            long before = Instant.now().getEpochSecond();
            String subject = hmac(claims(supabaseIss, AUDIENCE, Deployments.freshName("user"), Duration.ofHours(5))
                    .build());

            JsonNode claims = issued(exchange(org.id(), SERVICE, subject));
            long after = Instant.now().getEpochSecond();

            assertThat(claims.path("exp").isNumber()).as(claims.toString()).isTrue();
            assertThat(claims.path("exp").asLong()).isBetween(before + 3600 - 1, after + 3600 + 1);
        }

        @Test
        void theIssuedTokensPayloadIsReadableByTheOfficialClientsAtobSoItKnowsWhenToRefresh() {
            // the client reads exp with JSON.parse(atob(payload)) and refreshes the token once it expires; atob
            // refuses base64url's '-' and '_', which claims with ?, >, ~ or some non-ASCII letters (the UTF-8 of
            // Cyrillic о and п ends in 0xBE and 0xBF) make at some alignments: each value is tried at the three
            // alignments of a base64 group
            for (String value :
                    List.of("José García", "Jürgen Müller", "李雷", "Иван Попов", "o'brien?ref=1", "a>b", "tilde~user")) {
                for (String alignment : List.of("", "a", "ab")) {
                    String sub = Deployments.freshName("atob") + "-" + alignment + value;
                    ApiClient.Response response = exchange(org.id(), SERVICE, supabaseToken(sub));
                    assertThat(issued(response).path("act").path("sub").asText())
                            .isEqualTo(sub);
                    String payload =
                            response.json().path("access_token").asText().split("\\.", -1)[1];
                    assertThat(payload).as("payload of the token for %s", sub).matches("[A-Za-z0-9+/]*=*");
                }
            }
        }

        @Test
        void aSubjectTokenIssuedLessThanTheSixtySecondLeewayInTheFutureIsAccepted() {
            Instant soon = Instant.now().plusSeconds(30);
            String subject = hmac(claims(supabaseIss, AUDIENCE, Deployments.freshName("user"), Duration.ofMinutes(10))
                    .issueTime(Date.from(soon))
                    .notBeforeTime(Date.from(soon))
                    .build());

            issued(exchange(org.id(), SERVICE, subject));
        }

        @Test
        void anRs256SubjectTokenVerifiedAgainstTheJwksIsExchanged() {
            issued(exchange(org.id(), SERVICE, rsaToken(Deployments.freshName("user"))));
        }
    }

    @Nested
    class MalformedRequests {
        @Test
        void aBodyThatIsNotAFormIsInvalid() {
            invalidParameter(
                    postTokens("grant_type=%zz%&&audience=%E0%A4%A", "application/x-www-form-urlencoded"), null);
        }

        @Test
        void aJsonBodyInsteadOfAFormIsInvalid() {
            String json = dev.statebacked.json.Json.write(exchangeForm(org.id(), SERVICE, supabaseToken("json-user")));
            ApiClient.Response response = postTokens(json, "application/json");
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json().has("access_token")).isFalse();
        }

        @Test
        void aMissingSubjectTokenIsInvalidAndNamed() {
            Map<String, String> form = exchangeForm(org.id(), SERVICE, "x");
            form.remove("subject_token");
            invalidParameter(postTokens(formBody(form), "application/x-www-form-urlencoded"), "subject_token");
        }

        @Test
        void aWrongGrantTypeIsInvalidAndNamed() {
            for (String grantType : List.of(
                    "client_credentials", "authorization_code", "urn:ietf:params:oauth:grant-type:jwt-bearer", "")) {
                Map<String, String> form = exchangeForm(org.id(), SERVICE, supabaseToken("grant-user"));
                form.put("grant_type", grantType);
                invalidParameter(postTokens(formBody(form), "application/x-www-form-urlencoded"), "grant_type");
            }
            Map<String, String> missing = exchangeForm(org.id(), SERVICE, supabaseToken("grant-user"));
            missing.remove("grant_type");
            invalidParameter(postTokens(formBody(missing), "application/x-www-form-urlencoded"), "grant_type");
        }

        @Test
        void anAudienceNotOfTheTokensFormIsInvalidAndNamed() {
            for (String audience : List.of(
                    "https://example.com/" + org.id() + "/" + SERVICE,
                    "https://tokens.statebacked.dev/" + org.id(),
                    "https://tokens.statebacked.dev/" + org.id() + "/",
                    "https://tokens.statebacked.dev/" + org.id() + "/" + SERVICE + "/extra",
                    "http://tokens.statebacked.dev/" + org.id() + "/" + SERVICE,
                    "tokens.statebacked.dev/" + org.id() + "/" + SERVICE,
                    "")) {
                Map<String, String> form = exchangeForm(org.id(), SERVICE, supabaseToken("audience-user"));
                form.put("audience", audience);
                invalidParameter(postTokens(formBody(form), "application/x-www-form-urlencoded"), "audience");
            }
        }

        @Test
        void anUnknownOrgInTheAudienceIsInvalidAndNamed() {
            invalidParameter(exchange("org_doesnotexist0000000000", SERVICE, supabaseToken("org-user")), "audience");
        }

        @Test
        void anUnknownServiceInTheAudienceIsInvalidAndNamed() {
            invalidParameter(exchange(org.id(), "no-such-service", supabaseToken("service-user")), "audience");
        }

        @Test
        void anotherOrgsServiceIsUnknownInThisOrg() {
            // the stack's own org has no token provider named like this org's
            invalidParameter(
                    exchange(RunningStack.get().credentials().orgId(), SERVICE, supabaseToken("other-org-user")),
                    "audience");
        }
    }

    @Nested
    class BadSubjectTokens {
        @Test
        void anExpiredSubjectTokenIsRefused() {
            Instant past = Instant.now().minusSeconds(120);
            String subject = hmac(claims(supabaseIss, AUDIENCE, "expired-user", Duration.ofMinutes(10))
                    .issueTime(Date.from(past.minusSeconds(600)))
                    .expirationTime(Date.from(past))
                    .build());
            refused(exchange(org.id(), SERVICE, subject), 401, null);
        }

        @Test
        void aSubjectTokenNotValidBeforeMoreThanSixtySecondsFromNowIsRefused() {
            String subject = hmac(claims(supabaseIss, AUDIENCE, "nbf-user", Duration.ofMinutes(10))
                    .notBeforeTime(Date.from(Instant.now().plusSeconds(300)))
                    .build());
            refused(exchange(org.id(), SERVICE, subject), 401, null);
        }

        @Test
        void aSubjectTokenIssuedMoreThanSixtySecondsInTheFutureIsRefused() {
            String subject = hmac(claims(supabaseIss, AUDIENCE, "iat-user", Duration.ofMinutes(10))
                    .issueTime(Date.from(Instant.now().plusSeconds(300)))
                    .build());
            refused(exchange(org.id(), SERVICE, subject), 401, null);
        }

        @Test
        void anHmacSubjectTokenSignedWithAnotherSecretIsRefused() {
            byte[] other = new byte[32];
            new SecureRandom().nextBytes(other);
            String subject = JwksServer.signHmac(
                    other,
                    JWSAlgorithm.HS256,
                    null,
                    claims(supabaseIss, AUDIENCE, "forged-user", Duration.ofMinutes(10))
                            .build());
            refused(exchange(org.id(), SERVICE, subject), 401, null);
        }

        @Test
        void aSubjectTokenWhoseSignatureWasTamperedWithIsRefused() {
            String good = supabaseToken("tampered-user");
            String[] parts = good.split("\\.", -1);
            String otherClaims = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(claims(supabaseIss, AUDIENCE, "admin", Duration.ofMinutes(10))
                            .build()
                            .toString()
                            .getBytes(StandardCharsets.UTF_8));
            refused(exchange(org.id(), SERVICE, parts[0] + "." + otherClaims + "." + parts[2]), 401, null);
        }

        @Test
        void anRsaSubjectTokenSignedByAnUnpublishedKeyWithAPublishedKidIsRefused() {
            String subject = jwks.signWithImpostor(
                    jwks.rsaKeyId(),
                    JWSAlgorithm.RS256,
                    claims(rsaIss, AUDIENCE, "impostor-user", Duration.ofMinutes(10))
                            .build());
            refused(exchange(org.id(), SERVICE, subject), 401, null);
        }

        @Test
        void anUnsignedSubjectTokenIsRefused() {
            refused(
                    exchange(
                            org.id(),
                            SERVICE,
                            JwksServer.unsigned(
                                    null,
                                    claims(supabaseIss, AUDIENCE, "unsigned-user", Duration.ofMinutes(10))
                                            .build())),
                    401,
                    null);
            refused(
                    exchange(
                            org.id(),
                            SERVICE,
                            JwksServer.unsigned(
                                    jwks.rsaKeyId(),
                                    claims(rsaIss, AUDIENCE, "unsigned-user", Duration.ofMinutes(10))
                                            .build())),
                    401,
                    null);
        }

        @Test
        void aSubjectTokenThatIsNotAJwtIsRefused() {
            for (String garbageToken : List.of("not-a-jwt", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.e30")) {
                ApiClient.Response response = exchange(org.id(), SERVICE, garbageToken);
                assertThat(response.status()).as(response.body()).isIn(400, 401);
                assertThat(response.json().has("access_token")).isFalse();
            }
        }

        @Test
        void aSubjectTokenWithAnAlgTheProviderDoesNotListIsRefused() {
            // the HS256 provider, right secret, HS384 / HS512
            for (JWSAlgorithm alg : List.of(JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
                String subject = JwksServer.signHmac(
                        sharedSecret,
                        alg,
                        null,
                        claims(supabaseIss, AUDIENCE, "alg-user", Duration.ofMinutes(10))
                                .build());
                refused(exchange(org.id(), SERVICE, subject), 401, null);
            }
            // the RS256 provider, its published key, PS256
            String pss = jwks.sign(
                    jwks.rsaKeyId(),
                    JWSAlgorithm.PS256,
                    claims(rsaIss, AUDIENCE, "alg-user", Duration.ofMinutes(10)).build());
            refused(exchange(org.id(), SERVICE, pss), 401, null);
            // the RS256 provider, its published EC key, ES256
            String ec = jwks.sign(
                    jwks.ecKeyId(),
                    JWSAlgorithm.ES256,
                    claims(rsaIss, AUDIENCE, "alg-user", Duration.ofMinutes(10)).build());
            refused(exchange(org.id(), SERVICE, ec), 401, null);
        }

        @Test
        void anHs256TokenSignedWithTheRsaPublicKeyAsHmacSecretIsRefusedByAnRs256Provider() throws Exception {
            String kid = jwks.rsaKeyId();
            RSAKey publicKey = jwks.publicKey(kid).toRSAKey();
            byte[] der = publicKey.toPublicKey().getEncoded();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.UTF_8))
                            .encodeToString(der)
                    + "\n-----END PUBLIC KEY-----\n";
            List<byte[]> secrets = List.of(
                    der,
                    pem.getBytes(StandardCharsets.UTF_8),
                    publicKey.toJSONString().getBytes(StandardCharsets.UTF_8),
                    publicKey.getModulus().decode());
            for (byte[] secret : secrets) {
                String subject = JwksServer.signHmac(
                        secret,
                        JWSAlgorithm.HS256,
                        kid,
                        claims(rsaIss, AUDIENCE, "confused-user", Duration.ofMinutes(10))
                                .build());
                refused(exchange(org.id(), SERVICE, subject), 401, null);
            }
        }

        @Test
        void aSubjectTokenOfAnUnknownIssuerOrAudienceIsRefused() {
            refused(
                    exchange(
                            org.id(),
                            SERVICE,
                            hmac(claims("https://unknown.supabase.co/auth/v1", AUDIENCE, "u", Duration.ofMinutes(10))
                                    .build())),
                    401,
                    null);
            refused(
                    exchange(
                            org.id(),
                            SERVICE,
                            hmac(claims(supabaseIss, "someone-else", "u", Duration.ofMinutes(10))
                                    .build())),
                    401,
                    null);
            refused(
                    exchange(
                            org.id(),
                            SERVICE,
                            hmac(claims(null, null, "u", Duration.ofMinutes(10)).build())),
                    401,
                    null);
        }

        @Test
        void anotherOrgsIdentityProviderIsUnknownInThisOrg() {
            // a valid subject token of this org's provider, exchanged at an org that does not trust that provider
            ApiClient stackAdmin = RunningStack.adminClient();
            String service = Deployments.freshName("svc");
            ApiClient.Response provider = stackAdmin.post(
                    "/token-providers",
                    Map.of(
                            "service",
                            service,
                            "keyId",
                            RunningStack.get().credentials().keyId(),
                            "mapping",
                            Map.of("sub.$", "$.sub")));
            assertThat(provider.status()).as(provider.body()).isEqualTo(204);
            try {
                refused(
                        exchange(RunningStack.get().credentials().orgId(), service, supabaseToken("cross-org")),
                        401,
                        null);
            } finally {
                stackAdmin.delete("/token-providers/" + service, null);
            }
        }
    }

    @Nested
    class BrokenJwks {
        @Test
        void aHangingJwksUrlWithNoCachedKeyFailsWithin10SecondsWith5xx() {
            // a kid published only now: whatever the server fetched before, it has no key for this one
            String freshKid = hanging.addRsaKey();
            hanging.mode(JwksServer.Mode.HANG);
            try {
                String subject = hanging.sign(
                        freshKid,
                        JWSAlgorithm.RS256,
                        claims(hangingIss, AUDIENCE, "hang-user", Duration.ofMinutes(10))
                                .build());
                long start = System.nanoTime();
                ApiClient.Response response = exchange(org.id(), SERVICE, subject);
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(took).as("answered after %s", took).isLessThan(Duration.ofSeconds(10));
                assertThat(response.status()).as(response.body()).isBetween(500, 599);
                assertThat(response.body()).doesNotContain("access_token");
                assertThat(hanging.requests()).isPositive();
            } finally {
                hanging.mode(JwksServer.Mode.SERVE);
            }
        }

        @Test
        void aJwksUrlServingGarbageWithNoCachedKeyFailsWith5xx() {
            String freshKid = garbage.addRsaKey();
            garbage.mode(JwksServer.Mode.GARBAGE);
            try {
                String subject = garbage.sign(
                        freshKid,
                        JWSAlgorithm.RS256,
                        claims(garbageIss, AUDIENCE, "garbage-user", Duration.ofMinutes(10))
                                .build());
                ApiClient.Response response = exchange(org.id(), SERVICE, subject);

                assertThat(response.status()).as(response.body()).isBetween(500, 599);
                assertThat(response.body()).doesNotContain("access_token");
                assertThat(garbage.requests()).isPositive();
            } finally {
                garbage.mode(JwksServer.Mode.SERVE);
            }
        }

        @Test
        void aKeyAlreadyFetchedKeepsWorkingWhileTheJwksUrlHangs() {
            String kid = cachedThenHanging.rsaKeyId();
            issued(exchange(
                    org.id(),
                    SERVICE,
                    cachedThenHanging.sign(
                            kid,
                            JWSAlgorithm.RS256,
                            claims(cachedThenHangingIss, AUDIENCE, "first-user", Duration.ofMinutes(10))
                                    .build())));
            cachedThenHanging.mode(JwksServer.Mode.HANG);
            try {
                long start = System.nanoTime();
                ApiClient.Response response = exchange(
                        org.id(),
                        SERVICE,
                        cachedThenHanging.sign(
                                kid,
                                JWSAlgorithm.RS256,
                                claims(cachedThenHangingIss, AUDIENCE, "second-user", Duration.ofMinutes(10))
                                        .build()));
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(issued(response).path("act").path("sub").asText()).isEqualTo("second-user");
                assertThat(took).as("answered after %s", took).isLessThan(Duration.ofSeconds(10));
            } finally {
                cachedThenHanging.mode(JwksServer.Mode.SERVE);
            }
        }
    }

    @Nested
    class UserlessMappings {
        @Test
        void aTokenProviderMappingThatYieldsNeitherSubNorSidIsForbiddenAsMissingUser() {
            refused(exchange(org.id(), USERLESS_SERVICE, supabaseToken("userless")), 403, "missing-user");
        }

        @Test
        void anIdentityProviderMappingThatYieldsNoUserIsForbiddenAsMissingUser() {
            String iss = "https://" + Deployments.freshName("nouser") + ".supabase.co/auth/v1";
            org.upsertIdp(hmacProvider(iss, AUDIENCE, List.of("HS256"), sharedSecret, Map.of("email.$", "$.email")));
            String subject =
                    hmac(claims(iss, AUDIENCE, "nouser", Duration.ofMinutes(10)).build());

            ApiClient.Response response = exchange(org.id(), SERVICE, subject);

            assertThat(response.json().has("access_token")).as(response.body()).isFalse();
            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(response.code()).as(response.body()).isEqualTo("missing-user");
        }
    }

    @Nested
    class IdentityProviderConfiguration {
        private final String iss = "https://" + Deployments.freshName("config") + ".supabase.co/auth/v1";

        private Map<String, Object> hmacBody() {
            return new HashMap<>(hmacProvider(iss, AUDIENCE, List.of("HS256"), sharedSecret, IDP_MAPPING));
        }

        private Map<String, Object> jwksBody() {
            return new HashMap<>(jwksProvider(iss, AUDIENCE, List.of("RS256"), jwks, IDP_MAPPING));
        }

        private void invalid(Map<String, Object> body) {
            ApiClient.Response response = admin.post("/idps", body);
            assertThat(response.status()).as("%s -> %s", body, response.body()).isEqualTo(400);
            assertThat(response.code()).as(response.body()).isEqualTo("invalid-parameter");
            assertThat(listed(iss)).as("nothing stored for %s", body).isNull();
        }

        private JsonNode listed(String issuer) {
            ApiClient.Response list = admin.get("/idps");
            assertThat(list.status()).as(list.body()).isEqualTo(200);
            for (JsonNode idp : list.json().path("idps")) {
                if (issuer.equals(idp.path("iss").asText(null))) {
                    return idp;
                }
            }
            return null;
        }

        @Test
        void anIdentityProviderNeedsAnIssuerOrAnAudience() {
            Map<String, Object> body = hmacBody();
            body.remove("iss");
            body.remove("aud");
            ApiClient.Response response = admin.post("/idps", body);
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("invalid-parameter");
        }

        @Test
        void anIdentityProviderNeedsExactlyOneOfKeyAndJwksUrl() {
            Map<String, Object> neither = hmacBody();
            neither.remove("key");
            invalid(neither);
            Map<String, Object> both = hmacBody();
            both.put("jwksUrl", jwks.jwksUrl().toString());
            invalid(both);
        }

        @Test
        void hmacAlgorithmsNeedAKeyAndAsymmetricAlgorithmsNeedAJwksUrl() {
            for (String alg : List.of("HS256", "HS384", "HS512")) {
                Map<String, Object> body = jwksBody();
                body.put("algs", List.of(alg));
                invalid(body);
            }
            for (String alg :
                    List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")) {
                Map<String, Object> body = hmacBody();
                body.put("algs", List.of(alg));
                invalid(body);
            }
        }

        @Test
        void hmacAndAsymmetricAlgorithmsCannotBeMixedInOneProvider() {
            Map<String, Object> withKey = hmacBody();
            withKey.put("algs", List.of("HS256", "RS256"));
            invalid(withKey);
            Map<String, Object> withJwks = jwksBody();
            withJwks.put("algs", List.of("RS256", "HS256"));
            invalid(withJwks);
        }

        @Test
        void anUnknownAlgorithmOrNoneIsInvalid() {
            for (Object algs : List.of(List.of("none"), List.of("XS256"), List.of("HS256", "XS256"))) {
                Map<String, Object> body = hmacBody();
                body.put("algs", algs);
                invalid(body);
            }
        }

        @Test
        void aMappingThatIsNotAnObjectIsInvalid() {
            for (Object mapping : List.of("$.sub", List.of("sub"), 42)) {
                Map<String, Object> body = hmacBody();
                body.put("mapping", mapping);
                invalid(body);
            }
        }

        @Test
        void aGoodProviderIsListedWithoutItsKeyAndDeletedByIssuerAndAudience() {
            ApiClient.Response upserted = admin.post("/idps", hmacBody());
            assertThat(upserted.status()).as(upserted.body()).isEqualTo(204);

            JsonNode idp = listed(iss);
            assertThat(idp).isNotNull();
            assertThat(idp.path("aud").asText()).isEqualTo(AUDIENCE);
            assertThat(idp.path("algs").toString()).isEqualTo("[\"HS256\"]");
            assertThat(idp.has("key")).as(idp.toString()).isFalse();
            assertThat(admin.get("/idps").body()).doesNotContain(IdentityFixtures.base64url(sharedSecret));

            Map<String, Object> upsertedAgain = hmacBody();
            upsertedAgain.put("mapping", Map.of("sub.$", "$.sub", "tier", "gold"));
            assertThat(admin.post("/idps", upsertedAgain).status()).isEqualTo(204);
            assertThat(listed(iss).path("mapping").path("tier").asText()).isEqualTo("gold");

            Map<String, Object> key = new LinkedHashMap<>();
            key.put("iss", iss);
            key.put("aud", AUDIENCE);
            ApiClient.Response deleted = admin.delete("/idps", key);
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
            assertThat(listed(iss)).isNull();
        }

        @Test
        void identityProvidersAreManagedOnlyWithTheTokensAdminScope() {
            ApiClient production = new ApiClient(
                    RunningStack.get().apiUrl(), new TokenSigner(org.productionKeyId(), org.productionSecret()));
            ApiClient.Response response = production.post("/idps", hmacBody());
            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(response.code()).isEqualTo("missing-scope");
            assertThat(listed(iss)).isNull();
        }
    }

    @Nested
    class TokenProviderConfiguration {
        @Test
        void aTokenProvidersKeyMustBeAKeyOfTheSameOrg() {
            String service = Deployments.freshName("svc");
            for (String keyId : List.of(RunningStack.get().credentials().keyId(), "sbk_doesnotexist", "")) {
                ApiClient.Response response = admin.post(
                        "/token-providers",
                        Map.of("service", service, "keyId", keyId, "mapping", Map.of("sub.$", "$.sub")));
                assertThat(response.status())
                        .as("%s -> %s", keyId, response.body())
                        .isEqualTo(400);
                assertThat(response.code()).isEqualTo("invalid-parameter");
                assertThat(response.json().path("parameter").asText()).isEqualTo("keyId");
            }
            assertThat(admin.get("/token-providers").body()).doesNotContain(service);
        }

        @Test
        void aGoodTokenProviderIsListedAndDeletedAfterWhichItsServiceIsUnknown() {
            String service = Deployments.freshName("svc");
            Map<String, Object> mapping = Map.of("sub.$", "$.sub", "via", "listed");
            ApiClient.Response upserted = admin.post(
                    "/token-providers", Map.of("service", service, "keyId", org.productionKeyId(), "mapping", mapping));
            assertThat(upserted.status()).as(upserted.body()).isEqualTo(204);

            JsonNode listedProvider = null;
            for (JsonNode provider : admin.get("/token-providers").json().path("tokenProviders")) {
                if (service.equals(provider.path("service").asText())) {
                    listedProvider = provider;
                }
            }
            assertThat(listedProvider).isNotNull();
            assertThat(listedProvider.path("keyId").asText()).isEqualTo(org.productionKeyId());
            assertThat(listedProvider.path("mapping").path("via").asText()).isEqualTo("listed");
            issued(exchange(org.id(), service, supabaseToken("listed-user")));

            ApiClient.Response deleted = admin.delete("/token-providers/" + service, null);
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
            assertThat(admin.get("/token-providers").body()).doesNotContain(service);
            invalidParameter(exchange(org.id(), service, supabaseToken("listed-user")), "audience");
        }
    }

    @Nested
    class Orgs {
        @Test
        void aKeyOfAnUnrelatedOrgCannotActInAnOrgItDidNotCreate() {
            // two orgs created by the stack's key: neither administers the other
            TestOrg sibling = TestOrg.create(Deployments.freshName("identity-sibling"), true);
            ApiClient.Response response =
                    admin.withHeader("x-statebacked-org-id", sibling.id()).get("/machines");
            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(response.code()).isEqualTo("missing-org");
        }

        @Test
        void theCreatorsKeyListsItsOrgAndTheOrgsItCreated() {
            ApiClient.Response list = RunningStack.adminClient().get("/orgs");
            assertThat(list.status()).as(list.body()).isEqualTo(200);
            JsonNode created = null;
            boolean ownListed = false;
            for (JsonNode listed : list.json().path("orgs")) {
                if (org.id().equals(listed.path("id").asText())) {
                    created = listed;
                }
                ownListed |= RunningStack.get()
                        .credentials()
                        .orgId()
                        .equals(listed.path("id").asText());
            }
            assertThat(ownListed).as(list.body()).isTrue();
            assertThat(created).as(list.body()).isNotNull();
            assertThat(created.path("name").asText()).startsWith("identity-bad-input-");
            assertThat(created.path("role").asText()).isEqualTo("admin");
            assertThat(created.path("createdAt").asText()).isNotBlank();
            assertThat(created.path("limits").path("monthlyEventsLimit").isNumber())
                    .as(created.toString())
                    .isTrue();
            assertThat(created.path("limits").path("monthlyReadsLimit").isNumber())
                    .as(created.toString())
                    .isTrue();
        }
    }
}
