package dev.statebacked.api;

import static dev.statebacked.api.MachinesTest.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.MachineFixtures;
import dev.statebacked.testing.RunningStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** api-contract.md, "Machine versions (3 steps: reserve, upload, finalize)". */
class VersionsTest {
    private final ApiClient admin = RunningStack.adminClient();
    private String machine;

    @BeforeEach
    void createMachine() {
        machine = freshName("versioned");
        assertThat(admin.post("/machines", Map.of("slug", machine, "indexes", java.util.List.of("owner")))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void reserveUploadAndFinalizeMakesAListedCurrentVersion() {
        JsonNode reserved = admin.post("/machines/" + machine + "/v", Map.of()).json();
        assertThat(reserved.path("machineVersionId").asText()).startsWith("mv_");
        assertThat(reserved.path("codeUploadUrl").asText())
                .startsWith(RunningStack.get().apiUrl().toString());

        ApiClient.Response upload =
                Deployments.upload(reserved, MachineFixtures.toggler().getBytes(StandardCharsets.UTF_8), false);
        assertThat(upload.status()).isEqualTo(204);

        ApiClient.Response finalized = admin.put(
                "/machines/" + machine + "/v/"
                        + reserved.path("machineVersionId").asText(),
                Map.of("clientInfo", "v1.0.0", "makeCurrent", true, "indexSelectors", Map.of("owner", "$.owner")));
        assertThat(finalized.status()).isEqualTo(200);
        String versionId = finalized.json().path("machineVersionId").asText();
        assertThat(versionId).startsWith("mv_").doesNotContain(".");

        JsonNode versions = admin.get("/machines/" + machine + "/v").json().path("versions");
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).path("id").asText()).isEqualTo(versionId);
        assertThat(versions.get(0).path("clientInfo").asText()).isEqualTo("v1.0.0");
        JsonNode current =
                admin.get("/machines/" + machine).json().path("machine").path("currentVersion");
        assertThat(current.path("id").asText()).isEqualTo(versionId);
    }

    @Test
    void aReservationIgnoresTheCodeTheOfficialClientSendsAlong() {
        // its migration create posts { code } or { gzippedCode } (a Uint8Array, JSON as {"0": 31, ...}) with the
        // reservation's fields; a version reservation reads the same way
        for (Map<String, Object> body : java.util.List.<Map<String, Object>>of(
                Map.of("code", MachineFixtures.toggler()), Map.of("gzippedCode", Map.of("0", 31, "1", 139)))) {
            ApiClient.Response reserved = admin.post("/machines/" + machine + "/v", body);

            assertThat(reserved.status()).as(reserved.body()).isEqualTo(200);
            assertThat(reserved.json().path("machineVersionId").asText()).startsWith("mv_");
        }
    }

    @Test
    void gzippedCodeIsAcceptedWhenReservedWithGzip() throws IOException {
        JsonNode reserved =
                admin.post("/machines/" + machine + "/v?gzip", Map.of()).json();

        assertThat(Deployments.upload(reserved, gzip(MachineFixtures.toggler()), true)
                        .status())
                .isEqualTo(204);
        ApiClient.Response finalized = admin.put(
                "/machines/" + machine + "/v/"
                        + reserved.path("machineVersionId").asText(),
                Map.of());

        assertThat(finalized.status()).isEqualTo(200);
    }

    @Test
    void finalizingWithoutAnUploadIsRefused() {
        JsonNode reserved = admin.post("/machines/" + machine + "/v", Map.of()).json();

        ApiClient.Response response = admin.put(
                "/machines/" + machine + "/v/"
                        + reserved.path("machineVersionId").asText(),
                Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").asText()).contains("no code was uploaded");
        assertThat(admin.get("/machines/" + machine + "/v").json().path("versions"))
                .isEmpty();
    }

    @Test
    void codeWithoutAuthorizersIsRefusedNamingTheExportAndLeavesNoVersion() {
        JsonNode reserved = admin.post("/machines/" + machine + "/v", Map.of()).json();
        Deployments.upload(
                reserved, MachineFixtures.resource("missing-authorizers.js").getBytes(StandardCharsets.UTF_8), false);

        ApiClient.Response response = admin.put(
                "/machines/" + machine + "/v/"
                        + reserved.path("machineVersionId").asText(),
                Map.of("makeCurrent", true));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").asText()).contains("allowRead");
        assertThat(admin.get("/machines/" + machine + "/v").json().path("versions"))
                .isEmpty();
        assertThat(admin.get("/machines/" + machine).json().path("machine").has("currentVersion"))
                .isFalse();
    }

    @Test
    void codeThatThrowsWhileLoadingIsRefusedWithItsMessage() {
        JsonNode reserved = admin.post("/machines/" + machine + "/v", Map.of()).json();
        Deployments.upload(
                reserved, MachineFixtures.resource("throws-on-load.js").getBytes(StandardCharsets.UTF_8), false);

        ApiClient.Response response = admin.put(
                "/machines/" + machine + "/v/"
                        + reserved.path("machineVersionId").asText(),
                Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").asText()).contains("this bundle fails to evaluate");
    }

    @Test
    void aForgedVersionIdIsRefused() {
        ApiClient.Response response =
                admin.put("/machines/" + machine + "/v/mv_0000000000000000000000000000.forged", Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("parameter").asText()).isEqualTo("machineVersionId");
    }

    @Test
    void aVersionIdSignedForAnotherMachineIsRefused() {
        String other = freshName("other");
        admin.post("/machines", Map.of("slug", other));
        JsonNode reserved = admin.post("/machines/" + other + "/v", Map.of()).json();

        ApiClient.Response response = admin.put(
                "/machines/" + machine + "/v/"
                        + reserved.path("machineVersionId").asText(),
                Map.of());

        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void anUploadWithATamperedPolicyIsForbidden() {
        JsonNode reserved = admin.post("/machines/" + machine + "/v", Map.of()).json();
        Map<String, String> fields = Deployments.uploadFields(reserved);
        fields.put("x-amz-signature", "tampered");

        ApiClient.Response response = ApiClient.postForm(
                reserved.path("codeUploadUrl").asText(),
                fields,
                "m.js",
                MachineFixtures.toggler().getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void gzippedCodeOverTheLimitIsRefused() {
        JsonNode reserved =
                admin.post("/machines/" + machine + "/v?gzip", Map.of()).json();
        byte[] tooBig = new byte[1_000_001];

        assertThat(Deployments.upload(reserved, tooBig, true).status()).isEqualTo(413);
    }

    @Test
    void indexSelectorsMustNameTheMachinesIndexes() {
        JsonNode reserved = admin.post("/machines/" + machine + "/v", Map.of()).json();
        Deployments.upload(reserved, MachineFixtures.toggler().getBytes(StandardCharsets.UTF_8), false);

        ApiClient.Response response = admin.put(
                "/machines/" + machine + "/v/"
                        + reserved.path("machineVersionId").asText(),
                Map.of("indexSelectors", Map.of("nope", "$.x")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("parameter").asText()).isEqualTo("indexSelectors");
    }

    @Test
    void aVersionIsFinalizedOnlyOnce() {
        JsonNode reserved = admin.post("/machines/" + machine + "/v", Map.of()).json();
        Deployments.upload(reserved, MachineFixtures.toggler().getBytes(StandardCharsets.UTF_8), false);
        String path = "/machines/" + machine + "/v/"
                + reserved.path("machineVersionId").asText();
        assertThat(admin.put(path, Map.of()).status()).isEqualTo(200);

        ApiClient.Response again = admin.put(path, Map.of());

        assertThat(again.status()).isEqualTo(409);
        assertThat(admin.get("/machines/" + machine + "/v").json().path("versions"))
                .hasSize(1);
    }

    @Test
    void versionsOfAnUnknownMachineAreNotFound() {
        assertThat(admin.get("/machines/" + freshName("nope") + "/v").status()).isEqualTo(404);
        assertThat(admin.post("/machines/" + freshName("nope") + "/v", Map.of()).status())
                .isEqualTo(404);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
