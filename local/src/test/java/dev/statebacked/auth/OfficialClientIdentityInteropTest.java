package dev.statebacked.auth;

import static dev.statebacked.auth.IdentityFixtures.claims;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.statebacked.auth.IdentityFixtures.TestOrg;
import dev.statebacked.json.Json;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.JwksServer;
import dev.statebacked.testing.NodeInterop;
import dev.statebacked.testing.RunningStack;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Identity through the official @statebacked/client 0.1.37 under Node ({@code identity.mjs}, one section per
 * rule, each in its own Node process): an app's end users sign in with their identity provider (HS256 Supabase
 * style with a shared secret; RS256, ES256, PS256 from a JWKS, {@link JwksServer}, Auth0 style, rotating its
 * keys), the client exchanges the provider's token at {@code POST /tokens}, and the machine's allowRead and
 * allowWrite see the mapped claims as {@code authContext}; anonymous sessions of orgs that allow them; the admin
 * calls that configure all this. The machine ({@code identity-source.js}) lets only an instance's owner read or
 * write it, and makes its creator hand over the claims their token carries, so the instance shows what arrived.
 */
class OfficialClientIdentityInteropTest {
    private static final String AUDIENCE = "authenticated";
    private static final String AUTH0_AUDIENCE = "https://api.identity-interop.test/";
    private static final String SUPABASE_SERVICE = "supabase-app";
    private static final String AUTH0_SERVICE = "auth0-app";
    private static final Map<String, String> ENVIRONMENT = new HashMap<>();
    private static final List<JwksServer> SERVERS = new java.util.ArrayList<>();

    private static TestOrg org;
    private static ApiClient admin;
    private static byte[] supabaseSecret;
    private static String supabaseIss;

    @BeforeAll
    static void createTheOrgsAndDeployTheMachine() {
        var stack = RunningStack.get().credentials();
        org = TestOrg.create(Deployments.freshName("identity-interop"), true);
        TestOrg closed = TestOrg.create(Deployments.freshName("identity-closed"), false);
        admin = org.admin();

        supabaseSecret = new byte[32];
        new SecureRandom().nextBytes(supabaseSecret);
        supabaseIss = "https://" + Deployments.freshName("project") + ".supabase.co/auth/v1";
        org.upsertIdp(IdentityFixtures.hmacProvider(
                supabaseIss,
                AUDIENCE,
                List.of("HS256"),
                supabaseSecret,
                Map.of("sub.$", "$.sub", "email.$", "$.email")));
        org.upsertTokenProvider(
                SUPABASE_SERVICE, Map.of("sub.$", "$.sub", "email.$", "$.email", "provider", "supabase"));
        org.upsertTokenProvider(
                AUTH0_SERVICE,
                Map.of("sub.$", "$.sub", "email.$", "$.email", "provider.$", "$.provider", "profile.$", "$.profile"));

        ENVIRONMENT.put("API_URL", RunningStack.get().apiUrl().toString());
        ENVIRONMENT.put("ORG_ID", org.id());
        ENVIRONMENT.put("KEY_ID", org.keyId());
        ENVIRONMENT.put("SECRET", org.secret());
        ENVIRONMENT.put("PRODUCTION_KEY_ID", org.productionKeyId());
        ENVIRONMENT.put("STACK_ORG_ID", stack.orgId());
        ENVIRONMENT.put("STACK_KEY_ID", stack.keyId());
        ENVIRONMENT.put("STACK_SECRET", stack.secret());
        ENVIRONMENT.put("CLOSED_ORG_ID", closed.id());
        ENVIRONMENT.put("CLOSED_KEY_ID", closed.keyId());
        ENVIRONMENT.put("CLOSED_SECRET", closed.secret());
        ENVIRONMENT.put("MACHINE", Deployments.freshName("identity"));
        ENVIRONMENT.put(
                "BUNDLE",
                NodeInterop.bundle("identity-source.js", "identity-smply.js").toString());
        NodeInterop.Result deployed = section("deploy", Map.of());
        assertThat(deployed.output())
                .as(deployed.output())
                .contains("ok deploy: the machine deployed in the three orgs");
        assertThat(deployed.exitCode()).as(deployed.output()).isZero();
    }

    @AfterAll
    static void stopTheJwksServers() {
        SERVERS.forEach(JwksServer::close);
    }

    private static NodeInterop.Result section(String name, Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(ENVIRONMENT);
        environment.putAll(extra);
        environment.put("SECTION", name);
        return NodeInterop.node("identity.mjs", environment);
    }

    /** Runs one section; every listed check passed, then the script's own end. */
    private static void passes(String name, Map<String, String> extra, String... checks) {
        NodeInterop.Result result = section(name, extra);
        assertThat(result.output()).contains(checks).contains("interop done");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    /** The checks of an exchange section, in the order the script makes them. */
    private static String[] exchangeChecks(String name) {
        return java.util.stream.Stream.of(
                        "the client exchanges the subject token and creates an instance as the mapped user",
                        "one POST /tokens, answered 200",
                        "allowRead sees the mapped claims: the owner reads the instance back",
                        "allowWrite sees the mapped claims on events",
                        "the issued token's act is exactly the token provider's mapping of the identity provider's mapping",
                        "the issued token expires at the subject token's exp or within the hour, whichever is first",
                        "the issued token is HS256, signed with the token provider's key",
                        "creating an instance owned by another user is refused by allowWrite",
                        "claiming claims the token does not carry is refused by allowWrite",
                        "another user of the same provider cannot read the instance",
                        "another user of the same provider cannot send it events",
                        "the other user creates their own",
                        "the official client reads the issued token's exp (JSON.parse(atob(payload)))")
                .map(check -> "ok " + name + ": " + check)
                .toArray(String[]::new);
    }

    /** An exchange section's environment: the user's and another user's tokens, the claims each should map to. */
    private static Map<String, String> exchangeEnvironment(
            String service, String token, Map<String, Object> expected, String otherToken, Map<String, Object> other) {
        return Map.of(
                "SERVICE", service,
                "SUBJECT_TOKEN", token,
                "EXPECTED_CLAIMS", Json.write(expected),
                "OTHER_SUBJECT_TOKEN", otherToken,
                "OTHER_EXPECTED_CLAIMS", Json.write(other));
    }

    private static String supabaseToken(String sub) {
        return JwksServer.signHmac(
                supabaseSecret,
                JWSAlgorithm.HS256,
                null,
                claims(supabaseIss, AUDIENCE, sub, Duration.ofMinutes(30))
                        .claim("role", "authenticated")
                        .build());
    }

    /** An Auth0-style identity provider verified with {@code jwks}, for {@code alg}; returns its issuer. */
    private static String auth0Provider(JwksServer jwks, String alg) {
        String iss = "https://" + Deployments.freshName(alg.toLowerCase(java.util.Locale.ROOT)) + ".auth0.test/";
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("sub.$", "$.sub");
        mapping.put("email.$", "$.email");
        mapping.put("provider", "auth0");
        mapping.put("profile", Map.of("name.$", "$.name", "plan.$", "$.app_metadata.plan", "tier", "gold"));
        org.upsertIdp(IdentityFixtures.jwksProvider(iss, AUTH0_AUDIENCE, List.of(alg), jwks, mapping));
        return iss;
    }

    private static JWTClaimsSet auth0Claims(String iss, String sub) {
        return claims(iss, AUTH0_AUDIENCE, sub, Duration.ofHours(3))
                .claim("name", "Name of " + sub)
                .claim("app_metadata", Map.of("plan", "pro", "internal", "not mapped"))
                .build();
    }

    private static Map<String, Object> auth0Expected(String sub) {
        return Map.of(
                "sub",
                sub,
                "email",
                sub + "@example.com",
                "provider",
                "auth0",
                "profile",
                Map.of("name", "Name of " + sub, "plan", "pro", "tier", "gold"));
    }

    private static JwksServer jwks() {
        JwksServer jwks = JwksServer.start();
        SERVERS.add(jwks);
        return jwks;
    }

    /** Runs an exchange section with tokens signed by {@code jwks}'s key {@code kid} with {@code alg}. */
    private static void exchangesWith(String section, JwksServer jwks, String iss, String kid, JWSAlgorithm alg) {
        String sub = Deployments.freshName("auth0-user");
        String other = Deployments.freshName("auth0-other");
        passes(
                section,
                exchangeEnvironment(
                        AUTH0_SERVICE,
                        jwks.sign(kid, alg, auth0Claims(iss, sub)),
                        auth0Expected(sub),
                        jwks.sign(kid, alg, auth0Claims(iss, other)),
                        auth0Expected(other)),
                exchangeChecks(section));
    }

    @Test
    void anHs256SupabaseTokenIsExchangedAndItsMappedClaimsAreTheAuthContextOfAllowReadAndAllowWrite() {
        String sub = Deployments.freshName("supabase-user");
        String other = Deployments.freshName("supabase-other");
        passes(
                "supabase",
                exchangeEnvironment(
                        SUPABASE_SERVICE,
                        supabaseToken(sub),
                        Map.of("sub", sub, "email", sub + "@example.com", "provider", "supabase"),
                        supabaseToken(other),
                        Map.of("sub", other, "email", other + "@example.com", "provider", "supabase")),
                exchangeChecks("supabase"));
    }

    @Test
    void anRs256TokenVerifiedAgainstTheProvidersJwksIsExchangedWithNestedMappings() {
        JwksServer jwks = jwks();
        String iss = auth0Provider(jwks, "RS256");
        exchangesWith("rs256", jwks, iss, jwks.rsaKeyId(), JWSAlgorithm.RS256);
        assertThat(jwks.requests()).as("the JWKS was fetched").isPositive();
    }

    @Test
    void afterTheProviderRotatesItsKeysATokenOfTheNewKidIsExchangedTheJwksBeingFetchedAgain() {
        JwksServer jwks = jwks();
        String iss = auth0Provider(jwks, "RS256");
        exchangesWith("rs256", jwks, iss, jwks.rsaKeyId(), JWSAlgorithm.RS256);
        int fetchedBeforeRotation = jwks.requests();

        String newKid = jwks.rotateRsa();
        exchangesWith("rotated", jwks, iss, newKid, JWSAlgorithm.RS256);

        assertThat(jwks.requests())
                .as("the JWKS is fetched again for the new kid")
                .isGreaterThan(fetchedBeforeRotation);
    }

    @Test
    void anEs256TokenOfAnEcP256KeyIsExchanged() {
        JwksServer jwks = jwks();
        String iss = auth0Provider(jwks, "ES256");
        exchangesWith("es256", jwks, iss, jwks.ecKeyId(), JWSAlgorithm.ES256);
    }

    @Test
    void aPs256TokenIsExchanged() {
        JwksServer jwks = jwks();
        String iss = auth0Provider(jwks, "PS256");
        exchangesWith("ps256", jwks, iss, jwks.rsaKeyId(), JWSAlgorithm.PS256);
    }

    @Test
    void anonymousSessionsCreateReadAndWriteTheirOwnInstancesAndAreRefusedOnOthers() {
        passes(
                "anonymous",
                Map.of(),
                "ok anonymous: an anonymous session creates an instance: its authContext is exactly { sid, did, auth: \"anonymous\" }",
                "ok anonymous: its anonymous token was exchanged with 200",
                "ok anonymous: the exchanged token's act is the anonymous authContext",
                "ok anonymous: the session reads its own instance",
                "ok anonymous: the session sends its own instance events",
                "ok anonymous: another session cannot read it",
                "ok anonymous: another session cannot send it events",
                "ok anonymous: another session cannot create an instance owned by the first",
                "ok anonymous: the other session creates and reads its own",
                "ok anonymous: the first session's instance is unchanged",
                "ok anonymous: the stack's own org allows anonymous sessions too");
    }

    @Test
    void anOrgCreatedWithoutAnonymousAccessRefusesAnonymousSessionsWith401() {
        passes(
                "anonymousRefused",
                Map.of(),
                "ok anonymousRefused: an org created with allowAnonymousAccess: false refuses the anonymous token with 401",
                "ok anonymousRefused: its POST /tokens was answered 401 and nothing else was sent",
                "ok anonymousRefused: no instance was created");
    }

    @Test
    void theClientsAdminCallsManageOrgsKeysIdentityProvidersAndTokenProviders() {
        passes(
                "admin",
                Map.of(),
                "ok admin: orgs.create answers the new org's id",
                "ok admin: orgs.list lists the created org as its admin, with its limits",
                "ok admin: orgs.list lists the caller's own org",
                "ok admin: keys.create with orgId makes a key in the created org",
                "ok admin: the new key acts in the created org",
                "ok admin: identityProviders.list lists both, without their keys",
                "ok admin: identityProviders.delete removes the one named by iss and aud",
                "ok admin: identityProviders.upsert refuses HMAC and asymmetric algs together (400)",
                "ok admin: tokenProviders.list lists it",
                "ok admin: tokenProviders.upsert refuses a key of another org (400)",
                "ok admin: tokenProviders.delete removes it",
                "ok admin: a key of an unrelated org naming the created org is MissingOrgError");
    }
}
