package dev.statebacked.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.RunningStack;
import dev.statebacked.testing.TokenSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** api-contract.md, "Authentication": who may call, and the 401/403 answers for everyone else. */
class AuthenticationTest {
    private final ApiClient admin = RunningStack.adminClient();
    private final String keyId = RunningStack.get().credentials().keyId();
    private final String secret = RunningStack.get().credentials().secret();

    @Test
    void aTokenSignedWithAnOrgKeyIsAccepted() {
        assertThat(admin.get("/machines").status()).isEqualTo(200);
    }

    @Test
    void aRequestWithoutATokenIsUnauthorized() {
        assertThat(admin.send("GET", "/machines", null, null).status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        String token = new TokenSigner(keyId, secret)
                .token(Map.of("sub", "u"), b -> b.withExpiresAt(Instant.now().minusSeconds(120)));

        assertThat(admin.send("GET", "/machines", null, token).status()).isEqualTo(401);
    }

    @Test
    void aTokenExpiredWithinTheClockSkewIsStillAccepted() {
        String token = new TokenSigner(keyId, secret)
                .token(Map.of("sub", "u"), b -> b.withExpiresAt(Instant.now().minusSeconds(20)));

        assertThat(admin.send("GET", "/machines", null, token).status()).isEqualTo(200);
    }

    @Test
    void aTokenWithoutExpiryIsUnauthorized() {
        String token = JWT.create()
                .withKeyId(keyId)
                .withAudience("https://api.statebacked.dev/")
                .withClaim("act", Map.of("sub", "u"))
                .sign(Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8)));

        assertThat(admin.send("GET", "/machines", null, token).status()).isEqualTo(401);
    }

    @Test
    void aTokenNamingAnUnknownKeyIsUnauthorized() {
        String token = new TokenSigner("sbk_unknown", secret).token(Map.of("sub", "u"));

        assertThat(admin.send("GET", "/machines", null, token).status()).isEqualTo(401);
    }

    @Test
    void aTokenSignedWithTheWrongSecretIsUnauthorized() {
        String token = new TokenSigner(keyId, "sbsec_not-the-secret").token(Map.of("sub", "u"));

        assertThat(admin.send("GET", "/machines", null, token).status()).isEqualTo(401);
    }

    @Test
    void anUnsignedAlgNoneTokenIsUnauthorized() {
        String header = base64("{\"alg\":\"none\",\"kid\":\"" + keyId + "\",\"typ\":\"JWT\"}");
        String payload = base64("{\"aud\":\"https://api.statebacked.dev/\",\"exp\":"
                + (Instant.now().getEpochSecond() + 600) + ",\"act\":{\"sub\":\"u\"}}");

        assertThat(admin.send("GET", "/machines", null, header + "." + payload + ".")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthorized() {
        String token = new TokenSigner(keyId, secret)
                .token(Map.of("sub", "u"), b -> b.withAudience("https://somewhere.else/"));

        assertThat(admin.send("GET", "/machines", null, token).status()).isEqualTo(401);
    }

    @Test
    void ourOwnApiUrlIsAnAcceptedAudience() {
        String token = new TokenSigner(keyId, secret)
                .token(
                        Map.of("sub", "u"),
                        b -> b.withAudience(RunningStack.get().apiUrl().toString()));

        assertThat(admin.send("GET", "/machines", null, token).status()).isEqualTo(200);
    }

    @Test
    void aBadTokenIsAnsweredWith401AndAJsonErrorBody() {
        List<String> bad = List.of(
                "not-a-jwt",
                "a.b.c",
                new TokenSigner(keyId, "sbsec_not-the-secret").token(Map.of("sub", "u")),
                new TokenSigner("sbk_unknown", secret).token(Map.of("sub", "u")));

        for (String token : bad) {
            ApiClient.Response response = admin.send("GET", "/machines", null, token);

            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.headers().getOrDefault("content-type", List.of()))
                    .as(token)
                    .anyMatch(type -> type.startsWith("application/json"));
            assertThat(response.json().path("error").asText())
                    .as(response.body())
                    .isNotBlank();
        }
    }

    @Test
    void anOrgHeaderNamingAnotherOrgIsForbidden() {
        ApiClient.Response response =
                admin.withHeader("x-statebacked-org-id", "org_someone-else").get("/machines");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("missing-org");
    }

    @Test
    void anOrgHeaderNamingTheKeysOrgIsAccepted() {
        ApiClient.Response response = admin.withHeader(
                        "x-statebacked-org-id", RunningStack.get().credentials().orgId())
                .get("/machines");

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void aKeyWithoutTheRoutesScopeIsForbiddenNamingTheScope() {
        ApiClient.Response created = admin.post("/keys", Map.of("name", "reader", "scopes", List.of("machines.read")));
        ApiClient reader = new ApiClient(
                RunningStack.get().apiUrl(),
                new TokenSigner(
                        created.json().path("id").asText(),
                        created.json().path("key").asText()));

        ApiClient.Response response = reader.post("/machines", Map.of("slug", "not-allowed"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("missing-scope");
        assertThat(response.json().path("error").asText()).contains("machines.write");
        assertThat(reader.get("/machines").status()).isEqualTo(200);
    }

    @Test
    void aDeletedKeysTokensStopWorkingAtOnce() {
        ApiClient.Response created = admin.post("/keys", Map.of("name", "short-lived", "use", "ci"));
        String id = created.json().path("id").asText();
        ApiClient user = new ApiClient(
                RunningStack.get().apiUrl(),
                new TokenSigner(id, created.json().path("key").asText()));
        assertThat(user.get("/machines").status()).isEqualTo(200);

        assertThat(admin.delete("/keys/" + id, null).status()).isEqualTo(204);

        assertThat(user.get("/machines").status()).isEqualTo(401);
    }

    @Test
    void actingAsAnotherUserNeedsTheAdminScope() {
        ApiClient.Response created = admin.post("/keys", Map.of("name", "ci-only", "use", "ci"));
        ApiClient ci = new ApiClient(
                        RunningStack.get().apiUrl(),
                        new TokenSigner(
                                created.json().path("id").asText(),
                                created.json().path("key").asText()))
                .withHeader("x-statebacked-act", "{\"sub\":\"someone-else\"}");

        ApiClient.Response response = ci.get("/machines");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("missing-scope");
        assertThat(admin.withHeader("x-statebacked-act", "{\"sub\":\"someone-else\"}")
                        .get("/machines")
                        .status())
                .isEqualTo(200);
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
