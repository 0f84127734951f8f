package dev.statebacked.security;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.local.LocalStack;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.MachineFixtures;
import dev.statebacked.testing.MachineInstances;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finalized version is immutable: the code finalize validated is the code that runs, forever. Uploading other
 * code with the version's (still valid) signed form after finalize is refused and changes nothing, also after a
 * restart, when no process holds the code in memory any more.
 */
class FinalizedCodeCannotBeReplacedTest {
    @TempDir
    Path dataDir;

    @Test
    void anUploadAfterFinalizeIsRefusedAndInstancesKeepRunningTheFinalizedCode() {
        String toggler = MachineFixtures.resource("toggler.js");
        String replacement = toggler.replace("initial: \"off\"", "initial: \"on\"");
        String machine = freshName("immutable");
        String version;
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, dataDir))) {
            ApiClient admin = ApiClient.admin(stack);
            assertThat(admin.post("/machines", Map.of("slug", machine)).status())
                    .isEqualTo(201);
            JsonNode reserved =
                    admin.post("/machines/" + machine + "/v", Map.of()).json();
            assertThat(Deployments.upload(reserved, bytes(toggler), false).status())
                    .isEqualTo(204);
            ApiClient.Response finalized = admin.put(
                    "/machines/" + machine + "/v/"
                            + reserved.path("machineVersionId").asText(),
                    Map.of("makeCurrent", true));
            assertThat(finalized.status()).as(finalized.body()).isEqualTo(200);
            version = finalized.json().path("machineVersionId").asText();

            ApiClient.Response replaced = Deployments.upload(reserved, bytes(replacement), false);

            assertThat(replaced.status()).as(replaced.body()).isEqualTo(409);
            assertThat(replaced.code()).isEqualTo("invalid-state");
            assertThat(new MachineInstances(admin, machine)
                            .created(freshName("i"), null)
                            .path("state")
                            .asText())
                    .isEqualTo("off");
        }
        try (LocalStack restarted = LocalStack.start(new LocalStack.Options(0, dataDir))) {
            MachineInstances instances = new MachineInstances(ApiClient.admin(restarted), machine);

            assertThat(instances
                            .created(freshName("after-restart"), null)
                            .path("state")
                            .asText())
                    .as("version %s still runs the code that was finalized", version)
                    .isEqualTo("off");
        }
    }

    @Test
    void aVersionWhoseFinalizeFailedCannotBeFinalizedWithOtherCodeUploadedLater() {
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, dataDir))) {
            ApiClient admin = ApiClient.admin(stack);
            String machine = freshName("refused");
            assertThat(admin.post("/machines", Map.of("slug", machine)).status())
                    .isEqualTo(201);
            JsonNode reserved =
                    admin.post("/machines/" + machine + "/v", Map.of()).json();
            Deployments.upload(reserved, bytes(MachineFixtures.resource("missing-authorizers.js")), false);
            String path = "/machines/" + machine + "/v/"
                    + reserved.path("machineVersionId").asText();
            assertThat(admin.put(path, Map.of()).status())
                    .as("finalize validates the sealed code")
                    .isEqualTo(400);

            ApiClient.Response upload =
                    Deployments.upload(reserved, bytes(MachineFixtures.resource("toggler.js")), false);

            assertThat(upload.status())
                    .as("the code finalize saw is sealed; a new version is reserved for new code")
                    .isEqualTo(409);
        }
    }

    private static byte[] bytes(String code) {
        return code.getBytes(StandardCharsets.UTF_8);
    }
}
