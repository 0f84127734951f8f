package dev.statebacked.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.JwksServer;
import dev.statebacked.testing.RunningStack;
import dev.statebacked.testing.TokenSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the identity tests set up: an org of their own with its keys, providers, subject tokens, {@code /tokens}. */
final class IdentityFixtures {
    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private IdentityFixtures() {}

    /**
     * An org created by the stack's admin key ({@code POST /orgs}), with a management key (every scope) and a
     * production key of its own, made through the creator's key and the {@code x-statebacked-org-id} header.
     */
    record TestOrg(String id, String keyId, String secret, String productionKeyId, String productionSecret) {
        /** A client of this org's management key. */
        /** Creates or replaces an identity provider of this org. */
        void upsertIdp(Map<String, Object> body) {
            ApiClient.Response response = admin().post("/idps", body);
            assertThat(response.status()).as("upsert idp: %s", response.body()).isEqualTo(204);
        }

        /** Creates or replaces a token provider of this org, signing with its production key. */
        void upsertTokenProvider(String service, Map<String, Object> mapping) {
            ApiClient.Response response = admin().post(
                            "/token-providers",
                            Map.of("service", service, "keyId", productionKeyId, "mapping", mapping));
            assertThat(response.status())
                    .as("upsert token provider: %s", response.body())
                    .isEqualTo(204);
        }

        ApiClient admin() {
            return new ApiClient(RunningStack.get().apiUrl(), new TokenSigner(keyId, secret));
        }

        static TestOrg create(String name, boolean allowAnonymousAccess) {
            ApiClient creator = RunningStack.adminClient();
            ApiClient.Response org =
                    creator.post("/orgs", Map.of("name", name, "allowAnonymousAccess", allowAnonymousAccess));
            assertThat(org.status()).as("create org: %s", org.body()).isEqualTo(200);
            String id = org.json().path("id").asText();
            assertThat(id).as(org.body()).startsWith("org_");
            ApiClient inOrg = creator.withHeader("x-statebacked-org-id", id);
            ApiClient.Response management = inOrg.post("/keys", Map.of("name", "management", "use", "management"));
            assertThat(management.status())
                    .as("management key: %s", management.body())
                    .isEqualTo(200);
            ApiClient.Response production = inOrg.post("/keys", Map.of("name", "production", "use", "production"));
            assertThat(production.status())
                    .as("production key: %s", production.body())
                    .isEqualTo(200);
            return new TestOrg(
                    id,
                    management.json().path("id").asText(),
                    management.json().path("key").asText(),
                    production.json().path("id").asText(),
                    production.json().path("key").asText());
        }
    }

    /** The audience of a token exchange for {@code service} of {@code orgId}, as the official client makes it. */
    static String audience(String orgId, String service) {
        return "https://tokens.statebacked.dev/" + orgId + "/" + service;
    }

    /** The official client's token exchange request, as a form. */
    static Map<String, String> exchangeForm(String orgId, String service, String subjectToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT_TYPE);
        form.put("audience", audience(orgId, service));
        form.put("requested_token_type", ACCESS_TOKEN_TYPE);
        form.put("subject_token", subjectToken);
        return form;
    }

    static ApiClient.Response exchange(String orgId, String service, String subjectToken) {
        return postTokens(formBody(exchangeForm(orgId, service, subjectToken)), "application/x-www-form-urlencoded");
    }

    static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** {@code POST /tokens} with exactly this body and content type, no authorization header. */
    static ApiClient.Response postTokens(String body, String contentType) {
        HttpRequest request = HttpRequest.newBuilder(RunningStack.get().apiUrl().resolve("/tokens"))
                .header("content-type", contentType)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new ApiClient.Response(
                    response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Claims of a subject token: iss, aud, sub, email, iat now, exp in {@code expiresIn}. */
    static JWTClaimsSet.Builder claims(String iss, String aud, String sub, Duration expiresIn) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject(sub)
                .claim("email", sub + "@example.com")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(expiresIn)));
        if (iss != null) {
            builder.issuer(iss);
        }
        if (aud != null) {
            builder.audience(aud);
        }
        return builder;
    }

    static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The claims of a JWT, decoded as the official client does ({@code JSON.parse(atob(payload))}). */
    static com.fasterxml.jackson.databind.JsonNode payload(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        try {
            return dev.statebacked.json.Json.MAPPER.readTree(
                    Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header of a JWT. */
    static com.fasterxml.jackson.databind.JsonNode header(String jwt) {
        try {
            return dev.statebacked.json.Json.MAPPER.readTree(
                    Base64.getUrlDecoder().decode(jwt.split("\\.", -1)[0]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An identity provider body for a JWKS-verified (asymmetric) provider. */
    static Map<String, Object> jwksProvider(
            String iss, String aud, List<String> algs, JwksServer jwks, Map<String, Object> mapping) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("iss", iss);
        body.put("aud", aud);
        body.put("algs", algs);
        body.put("jwksUrl", jwks.jwksUrl().toString());
        body.put("mapping", mapping);
        return body;
    }

    /** An identity provider body for an HMAC-verified provider with a shared secret. */
    static Map<String, Object> hmacProvider(
            String iss, String aud, List<String> algs, byte[] secret, Map<String, Object> mapping) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("iss", iss);
        body.put("aud", aud);
        body.put("algs", algs);
        body.put("key", base64url(secret));
        body.put("mapping", mapping);
        return body;
    }

    static URI apiUrl() {
        return RunningStack.get().apiUrl();
    }
}
