package dev.statebacked.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Machines and versions made the way a user makes them: create, reserve, upload, finalize (api-contract.md). */
public final class Deployments {
    private Deployments() {}

    /** A name no other test uses: tests share one stack and isolate themselves by names. */
    public static String freshName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A fresh machine whose current version is the fixture {@code machines/<fixture>}; returns the machine name. */
    public static String machineWithCurrentVersion(ApiClient admin, String fixture) {
        String machine = freshName(fixture.replaceAll("\\.js$", "").replaceAll("[^A-Za-z0-9_-]", "-"));
        assertThat(admin.post("/machines", Map.of("slug", machine)).status())
                .as("create machine")
                .isEqualTo(201);
        finalizeVersion(admin, machine, MachineFixtures.resource(fixture), true);
        return machine;
    }

    /** Reserves, uploads and finalizes a version of {@code code}; returns its machine version id. */
    public static String finalizeVersion(ApiClient admin, String machine, String code, boolean makeCurrent) {
        ApiClient.Response reserved = admin.post("/machines/" + machine + "/v", Map.of());
        assertThat(reserved.status()).as("reserve version: %s", reserved.body()).isEqualTo(200);
        ApiClient.Response uploaded = upload(reserved.json(), code.getBytes(StandardCharsets.UTF_8), false);
        assertThat(uploaded.status()).as("upload code: %s", uploaded.body()).isEqualTo(204);
        ApiClient.Response finalized = admin.put(
                "/machines/" + machine + "/v/"
                        + reserved.json().path("machineVersionId").asText(),
                Map.of("makeCurrent", makeCurrent));
        assertThat(finalized.status())
                .as("finalize version: %s", finalized.body())
                .isEqualTo(200);
        return finalized.json().path("machineVersionId").asText();
    }

    /** The id of the machine's current version. */
    public static String currentVersionId(ApiClient admin, String machine) {
        return admin.get("/machines/" + machine)
                .json()
                .path("machine")
                .path("currentVersion")
                .path("id")
                .asText();
    }

    /** Reserves a migration between two versions and uploads {@code machines/<fixture>}; answers the finalize. */
    public static ApiClient.Response reserveUploadAndFinalizeMigration(
            ApiClient admin, String machine, String fromVersion, String toVersion, String fixture) {
        ApiClient.Response reserved = admin.post(
                "/machines/" + machine + "/migrations",
                Map.of("fromMachineVersionId", fromVersion, "toMachineVersionId", toVersion, "code", "ignored"));
        assertThat(reserved.status()).as(reserved.body()).isEqualTo(200);
        ApiClient.Response uploaded =
                upload(reserved.json(), MachineFixtures.resource(fixture).getBytes(StandardCharsets.UTF_8), false);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(204);
        return admin.put(
                "/machines/" + machine + "/migrations/"
                        + reserved.json().path("machineVersionMigrationId").asText(),
                null);
    }

    /** A finalized migration between two versions of the machine, from {@code machines/<fixture>}. */
    public static void migration(
            ApiClient admin, String machine, String fromVersion, String toVersion, String fixture) {
        ApiClient.Response finalized =
                reserveUploadAndFinalizeMigration(admin, machine, fromVersion, toVersion, fixture);
        assertThat(finalized.status()).as(finalized.body()).isEqualTo(200);
    }

    /** {@code DELETE /machines/{machine}} with the confirmation the contract asks for. */
    public static ApiClient.Response deleteMachine(ApiClient admin, String machine) {
        return admin.delete("/machines/" + machine, machineDeletion(machine));
    }

    /** The body that confirms the deletion of {@code machine}. */
    public static Map<String, Object> machineDeletion(String machine) {
        Map<String, Object> body = new HashMap<>();
        body.put("dangerDataWillBeDeletedForever", true);
        body.put("hmacSha256OfMachineNameWithMachineNameKey", MachineInstances.hmacSha256(machine, machine));
        return body;
    }

    /** The upload step: the reserved version's form fields and the code. */
    public static ApiClient.Response upload(JsonNode reserved, byte[] code, boolean gzip) {
        Map<String, String> fields = uploadFields(reserved);
        fields.put("content-type", "application/javascript");
        if (gzip) {
            fields.put("content-encoding", "gzip");
        }
        return ApiClient.postForm(reserved.path("codeUploadUrl").asText(), fields, "machine.js", code);
    }

    /** The form fields of a reserved version's upload policy (mutable, to tamper with). */
    public static Map<String, String> uploadFields(JsonNode reserved) {
        Map<String, String> fields = new HashMap<>();
        reserved.path("codeUploadFields")
                .fields()
                .forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        return fields;
    }
}
