package dev.statebacked.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.auth.HmacSigner;
import dev.statebacked.config.AwsClients;
import dev.statebacked.config.Settings;
import dev.statebacked.instances.InstanceKeys;
import dev.statebacked.store.DynamoItemStore;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.RunningStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** api-contract.md, "Machines". */
class MachinesTest {
    private final ApiClient admin = RunningStack.adminClient();

    static String freshName(String prefix) {
        return Deployments.freshName(prefix);
    }

    @Test
    void aCreatedMachineCanBeReadBack() {
        String name = freshName("m");

        assertThat(admin.post("/machines", Map.of("slug", name, "indexes", List.of("email")))
                        .status())
                .isEqualTo(201);

        ApiClient.Response response = admin.get("/machines/" + name);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("machine").path("createdAt").asText()).isNotBlank();
        assertThat(response.json().path("machine").path("indexes"))
                .extracting(JsonNode::asText)
                .containsExactly("email");
        assertThat(response.json().path("machine").has("currentVersion")).isFalse();
    }

    @Test
    void aMachineNameThatExistsIsAConflict() {
        String name = freshName("dup");
        admin.post("/machines", Map.of("slug", name));

        ApiClient.Response response = admin.post("/machines", Map.of("slug", name));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("invalid-state");
    }

    @Test
    void badNamesAreInvalidParameters() {
        for (String bad : List.of("", "has space", "slash/ed", "x".repeat(129), "ünïcode")) {
            ApiClient.Response response = admin.post("/machines", Map.of("slug", bad));
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.code()).isEqualTo("invalid-parameter");
            assertThat(response.json().path("parameter").asText()).isEqualTo("slug");
        }
    }

    @Test
    void fieldsTheApiDoesNotReadAreIgnoredSoThatNewerClientsWork() {
        String name = freshName("u");

        ApiClient.Response created = admin.post(
                "/machines",
                Map.of("slug", name, "indexes", List.of("email"), "description", "a field of a later API version"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(admin.get("/machines/" + name).json().path("machine").path("indexes"))
                .extracting(JsonNode::asText)
                .containsExactly("email");
    }

    @Test
    void wrongTypesAndMalformedJsonAreInvalidParameters() {
        ApiClient.Response wrongType = admin.post("/machines", Map.of("slug", 42));
        ApiClient.Response malformed = admin.post("/machines", "{\"slug\": ");

        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("parameter").asText()).isEqualTo("slug");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("invalid-parameter");
    }

    @Test
    void anUnknownMachineIsNotFound() {
        assertThat(admin.get("/machines/" + freshName("absent")).status()).isEqualTo(404);
    }

    @Test
    void listingPagesThroughEveryMachineWithTheContractsCursor() {
        String prefix = freshName("page");
        for (int i = 0; i < 55; i++) {
            admin.post("/machines", Map.of("slug", prefix + "-" + String.format("%02d", i)));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiClient.Response page = admin.get("/machines" + (cursor == null ? "" : "?cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json().path("machines").forEach(m -> seen.add(m.path("slug").asText()));
            cursor = page.json().has("cursor") ? page.json().path("cursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 100);

        assertThat(pages).isGreaterThan(1);
        assertThat(seen.stream().filter(s -> s.startsWith(prefix))).hasSize(55);
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void aForgedCursorIsAnInvalidParameter() {
        ApiClient.Response response = admin.get("/machines?cursor=%21%21%21");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("parameter").asText()).isEqualTo("cursor");
    }

    @Test
    void deletingNeedsTheConfirmationFieldsNamedInTheError() {
        String name = freshName("del");
        admin.post("/machines", Map.of("slug", name));

        ApiClient.Response noDanger = admin.delete(
                "/machines/" + name,
                Map.of("hmacSha256OfMachineNameWithMachineNameKey", HmacSigner.base64UrlHmac(name, name)));
        ApiClient.Response wrongHmac = admin.delete(
                "/machines/" + name,
                Map.of("dangerDataWillBeDeletedForever", true, "hmacSha256OfMachineNameWithMachineNameKey", "wrong"));

        assertThat(noDanger.status()).isEqualTo(400);
        assertThat(noDanger.json().path("parameter").asText()).isEqualTo("dangerDataWillBeDeletedForever");
        assertThat(wrongHmac.status()).isEqualTo(400);
        assertThat(wrongHmac.json().path("parameter").asText()).isEqualTo("hmacSha256OfMachineNameWithMachineNameKey");
        assertThat(admin.get("/machines/" + name).status()).isEqualTo(200);
    }

    @Test
    void aConfirmedDeleteRemovesTheMachine() {
        String name = freshName("gone");
        admin.post("/machines", Map.of("slug", name));

        assertThat(admin.delete("/machines/" + name, confirmation(name)).status())
                .isEqualTo(204);
        assertThat(admin.get("/machines/" + name).status()).isEqualTo(404);
    }

    @Test
    void aMachineWithInstancesCannotBeDeleted() {
        String name = freshName("busy");
        admin.post("/machines", Map.of("slug", name));
        Map<String, String> env = RunningStack.get().apiEnvironment();
        try (AwsClients aws = new AwsClients(env)) {
            new DynamoItemStore(aws.dynamoDb(), Settings.fromEnvironment(env).tableName())
                    .write(new Write.Put(StoredItem.of(
                            new ItemKey(
                                    InstanceKeys.listingPartition(
                                            RunningStack.get().credentials().orgId(), name),
                                    "i1"),
                            1,
                            "{}")));
        }

        ApiClient.Response response = admin.delete("/machines/" + name, confirmation(name));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("invalid-state");
        assertThat(admin.get("/machines/" + name).status()).isEqualTo(200);
    }

    static Map<String, Object> confirmation(String name) {
        return Deployments.machineDeletion(name);
    }
}
