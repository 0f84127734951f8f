package dev.statebacked.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `statebacked orgs create`: an org and its first admin key, written with the install's own credentials. */
class OrgsCommandTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theKeyItPrintsHasEveryScopeInTheNewOrgAndNoneInTheStacksFirstOrg() throws Exception {
        CliRun created = CliRun.of(
                "orgs",
                "create",
                "--name",
                "acme",
                "--data-dir",
                RunningLocalStack.dataDir().toString());

        assertThat(created.exitCode()).as(created.stderr()).isZero();
        JsonNode credentials = Json.readStored(created.stdout().strip());
        String token = JWT.create()
                .withKeyId(credentials.path("keyId").asText())
                .withAudience("https://api.statebacked.dev/")
                .withExpiresAt(Instant.now().plusSeconds(600))
                .sign(Algorithm.HMAC256(credentials.path("secret").asText().getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> orgs = get(credentials.path("apiUrl").asText() + "/orgs", token, "");
        assertThat(orgs.statusCode()).isEqualTo(200);
        JsonNode listed = Json.readStored(orgs.body()).path("orgs");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("id").asText())
                .isEqualTo(credentials.path("orgId").asText());
        assertThat(listed.get(0).path("name").asText()).isEqualTo("acme");
        assertThat(get(
                                credentials.path("apiUrl").asText() + "/keys",
                                token,
                                RunningLocalStack.get().credentials().orgId())
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void anOrgMadeWithoutAnonymousAccessRefusesAnonymousSessions() throws Exception {
        CliRun created = CliRun.of(
                "orgs",
                "create",
                "--name",
                "closed",
                "--no-anonymous-access",
                "--data-dir",
                RunningLocalStack.dataDir().toString());
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        JsonNode credentials = Json.readStored(created.stdout().strip());
        String orgId = credentials.path("orgId").asText();
        String scope = "https://" + orgId + ".anonymous.auth.statebacked.dev";
        String anonymous = JWT.create()
                .withIssuer(scope)
                .withAudience(scope)
                .withClaim("sid", "s")
                .withClaim("did", "d")
                .withExpiresAt(Instant.now().plusSeconds(600))
                .sign(Algorithm.HMAC256(orgId.getBytes(StandardCharsets.UTF_8)));
        String form = "grant_type=" + encode("urn:ietf:params:oauth:grant-type:token-exchange") + "&audience="
                + encode("https://tokens.statebacked.dev/" + orgId + "/anonymous-statebacked-dev") + "&subject_token="
                + encode(anonymous);

        HttpResponse<String> exchanged = http.send(
                HttpRequest.newBuilder(URI.create(credentials.path("apiUrl").asText() + "/tokens"))
                        .header("content-type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(401);
        assertThat(exchanged.body()).contains("does not allow anonymous access");
    }

    @Test
    void withoutAStackFileOrADeploymentsTableItIsOneLineAndExitCodeOne(@TempDir Path empty) {
        CliRun result = CliRun.of("orgs", "create", "--name", "x", "--data-dir", empty.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr().strip())
                .isEqualTo("statebacked orgs: no running local stack in " + empty
                        + " (no stack.json); start one with ./statebacked local or pass --table and"
                        + " --master-key-secret");
    }

    @Test
    void aDeploymentsTableNeedsItsMasterKeySecretToo() {
        CliRun result = CliRun.of("orgs", "create", "--name", "x", "--table", "statebacked-table");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("--master-key-secret");
    }

    private HttpResponse<String> get(String url, String token, String orgId) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).header("authorization", "Bearer " + token);
        if (!orgId.isEmpty()) {
            request.header("x-statebacked-org-id", orgId);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
