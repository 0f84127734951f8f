package dev.statebacked.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.RunningStack;
import dev.statebacked.testing.TokenSigner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** api-contract.md, "Orgs, keys": keys are made, listed without their secret, and deleted. */
class KeysTest {
    private final ApiClient admin = RunningStack.adminClient();

    @Test
    void aNewKeyIsReturnedOnceWithItsSecretInTheContractsFormat() {
        ApiClient.Response response = admin.post("/keys", Map.of("name", "backend", "use", "production"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("id").asText()).startsWith("sbk_");
        assertThat(response.json().path("key").asText()).startsWith("sbsec_");
    }

    @Test
    void listedKeysShowNameAndScopesButNeverTheSecret() {
        ApiClient.Response created = admin.post("/keys", Map.of("name", "lister", "use", "production"));
        String id = created.json().path("id").asText();

        ApiClient.Response list = admin.get("/keys");

        assertThat(list.status()).isEqualTo(200);
        JsonNode listed = null;
        for (JsonNode key : list.json().path("keys")) {
            if (key.path("id").asText().equals(id)) {
                listed = key;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.path("name").asText()).isEqualTo("lister");
        assertThat(listed.path("scopes"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("events.write", "state.read", "instances.write", "indexes.read");
        assertThat(list.body()).doesNotContain(created.json().path("key").asText());
    }

    @Test
    void aKeyMadeWithPostKeysSignsTokensThatWork() {
        ApiClient.Response created = admin.post("/keys", Map.of("name", "ci", "use", "ci"));
        ApiClient ci = new ApiClient(
                RunningStack.get().apiUrl(),
                new TokenSigner(
                        created.json().path("id").asText(),
                        created.json().path("key").asText()));

        assertThat(ci.post("/machines", Map.of("slug", "made-by-ci-key")).status())
                .isEqualTo(201);
    }

    @Test
    void anUnknownScopeIsAnInvalidParameter() {
        ApiClient.Response response = admin.post("/keys", Map.of("name", "bad", "scopes", List.of("everything")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("invalid-parameter");
        assertThat(response.json().path("parameter").asText()).isEqualTo("scopes");
    }

    @Test
    void aKeyWithNeitherScopesNorUseIsRefusedRatherThanGivenDefaultScopes() {
        String name = Deployments.freshName("unscoped");

        ApiClient.Response response = admin.post("/keys", Map.of("name", name));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("invalid-parameter");
        assertThat(response.json().path("parameter").asText()).isEqualTo("scopes");
        assertThat(response.json().path("error").asText()).isNotBlank();
        assertThat(admin.get("/keys").json().path("keys"))
                .extracting(k -> k.path("name").asText())
                .doesNotContain(name);
    }

    @Test
    void aKeyCannotGrantScopesItsCreatorLacks() {
        ApiClient.Response created =
                admin.post("/keys", Map.of("name", "key-maker", "scopes", List.of("org.keys.write")));
        ApiClient keyMaker = new ApiClient(
                RunningStack.get().apiUrl(),
                new TokenSigner(
                        created.json().path("id").asText(),
                        created.json().path("key").asText()));

        ApiClient.Response response = keyMaker.post("/keys", Map.of("name", "escalated", "use", "management"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("missing-scope");
    }

    @Test
    void deletingAnUnknownKeyIsNotFound() {
        assertThat(admin.delete("/keys/sbk_nope", null).status()).isEqualTo(404);
    }

    @Test
    void theOrgOfTheKeyIsListed() {
        ApiClient.Response response = admin.get("/orgs");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("orgs").get(0).path("id").asText())
                .isEqualTo(RunningStack.get().credentials().orgId());
    }

    @Test
    void theListedOrgHasTheRoleAndLimitsTheClientsTypesDeclare() {
        JsonNode org = admin.get("/orgs").json().path("orgs").get(0);

        assertThat(org.path("name").isTextual()).isTrue();
        assertThat(org.path("createdAt").asText()).isNotBlank();
        assertThat(org.path("role").asText()).as("one of admin, read, write").isEqualTo("admin");
        assertThat(org.path("limits").path("monthlyEventsLimit").isNumber())
                .as(org.toString())
                .isTrue();
        assertThat(org.path("limits").path("monthlyReadsLimit").isNumber())
                .as(org.toString())
                .isTrue();
        assertThat(org.path("limits").path("monthlyEventsLimit").asLong())
                .as("self-hosted: no limit a JS number can hold")
                .isEqualTo((1L << 53) - 1);
        assertThat(org.path("limits").path("monthlyReadsLimit").asLong()).isEqualTo((1L << 53) - 1);
    }
}
