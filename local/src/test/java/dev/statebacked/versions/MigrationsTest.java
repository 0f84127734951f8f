package dev.statebacked.versions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.json.Json;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.Eventually;
import dev.statebacked.testing.InstanceLogs;
import dev.statebacked.testing.MachineFixtures;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.RunningStack;
import dev.statebacked.testing.StackTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Migrations: an instance whose desired version differs is upgraded at its next event, through the shortest chain
 * of migrations, recorded as a {@code statebacked.upgrade} transition; a failing migration changes nothing.
 */
class MigrationsTest {
    private static final ApiClient admin = RunningStack.adminClient();
    private static String machine;
    private static MachineInstances instances;
    private static String v1;
    private static String v2;
    private static String v3;

    @BeforeAll
    static void deployThreeVersionsAndTheirMigrations() {
        machine = Deployments.machineWithCurrentVersion(admin, "evolving/v1.js");
        instances = new MachineInstances(admin, machine);
        v1 = Deployments.currentVersionId(admin, machine);
        v2 = Deployments.finalizeVersion(admin, machine, MachineFixtures.resource("evolving/v2.js"), false);
        v3 = Deployments.finalizeVersion(admin, machine, MachineFixtures.resource("evolving/v3.js"), false);
        migration(v1, v2, "evolving/v1-to-v2.js");
        migration(v2, v3, "evolving/v2-to-v3.js");
        migration(v2, v1, "evolving/v2-to-v1.js");
    }

    private static ApiClient.Response reserveAndUpload(String from, String to, String fixture) {
        return Deployments.reserveUploadAndFinalizeMigration(admin, machine, from, to, fixture);
    }

    private static void migration(String from, String to, String fixture) {
        Deployments.migration(admin, machine, from, to, fixture);
    }

    private static String started(String name, String... events) {
        instances.created(name, Map.of());
        for (String event : events) {
            instances.sent(name, Map.of("type", event));
        }
        return name;
    }

    private static ApiClient.Response desire(String instance, String version) {
        return admin.put(instances.path(instance) + "/v", Map.of("targetMachineVersionId", version));
    }

    private static JsonNode adminView(String instance) {
        return instances.admin(instance).json();
    }

    @Test
    void aTwoHopUpgradeRunsAtTheNextEventAndMigratesEachParallelRegion() {
        String instance = started(Deployments.freshName("two-hop"), "start", "next", "open");
        assertThat(desire(instance, v3).status()).isEqualTo(201);
        assertThat(adminView(instance).path("machineVersion").path("id").asText())
                .as("nothing changes before the next event")
                .isEqualTo(v1);

        JsonNode state = instances.sent(instance, Map.of("type", "noop"));

        assertThat(state.path("state").toString()).isEqualTo("{\"working\":{\"light\":\"go\",\"door\":\"ajar\"}}");
        JsonNode view = adminView(instance);
        assertThat(view.path("machineVersion").path("id").asText()).isEqualTo(v3);
        assertThat(view.path("context").path("version").asInt()).isEqualTo(3);
        assertThat(view.path("context").path("hops").toString())
                .as("upgradeContext sees the old and new leaf paths of each hop")
                .isEqualTo("[{\"from\":[[\"working\",\"door\",\"open\"],[\"working\",\"light\",\"green\"]],"
                        + "\"to\":[[\"working\",\"door\",\"open\"],[\"working\",\"light\",\"go\"]]},"
                        + "{\"from\":[[\"working\",\"door\",\"open\"],[\"working\",\"light\",\"go\"]],"
                        + "\"to\":[[\"working\",\"door\",\"ajar\"],[\"working\",\"light\",\"go\"]]}]");
        List<String> events = instances.history(instance).stream()
                .map(t -> t.path("event").path("type").asText())
                .toList();
        assertThat(events).endsWith("statebacked.upgrade", "noop");
    }

    @Test
    void aDowngradeFollowsAMigrationBackToTheOlderVersion() {
        String instance = started(Deployments.freshName("down"), "start", "next");
        desire(instance, v2);
        instances.sent(instance, Map.of("type", "noop"));
        assertThat(adminView(instance).path("machineVersion").path("id").asText())
                .isEqualTo(v2);

        assertThat(desire(instance, v1).status()).isEqualTo(201);
        JsonNode state = instances.sent(instance, Map.of("type", "noop"));

        assertThat(state.path("state").toString()).isEqualTo("{\"working\":{\"light\":\"green\",\"door\":\"closed\"}}");
        JsonNode view = adminView(instance);
        assertThat(view.path("machineVersion").path("id").asText()).isEqualTo(v1);
        assertThat(view.path("context").path("downgraded").asBoolean()).isTrue();
    }

    @Test
    void whatAHistoryStateRemembersIsMigratedToo() {
        String instance = started(Deployments.freshName("history"), "menu", "next", "leave");
        desire(instance, v2);
        instances.sent(instance, Map.of("type", "noop"));

        JsonNode back = instances.sent(instance, Map.of("type", "back"));

        assertThat(back.path("state").toString()).isEqualTo("{\"menu\":\"beta\"}");
    }

    @Test
    void pendingTimersOfStatesStillActiveCarryOverAndThoseOfStatesLeftAreDropped() {
        // waiting's 5 s timer is armed before paused's, so it is due first: once paused's has fired, it was due
        String waiting = started(Deployments.freshName("waiting"), "wait");
        String paused = started(Deployments.freshName("paused"), "pause");
        desire(waiting, v2);
        desire(paused, v2);

        JsonNode waitingState = instances.sent(waiting, Map.of("type", "noop"));
        instances.sent(paused, Map.of("type", "noop"));

        assertThat(waitingState.path("state").asText()).isEqualTo("idle");
        assertThat(Eventually.holds(
                        Duration.ofSeconds(30),
                        () -> instances
                                .get(paused)
                                .json()
                                .path("state")
                                .asText()
                                .equals("idle")))
                .as("the paused state's timer fired on the new version")
                .isTrue();
        Eventually.sleep(Duration.ofSeconds(1)); // a kept timer of waiting's, due earlier, would have fired by now
        assertThat(instances.history(waiting).stream()
                        .map(t -> t.path("event").path("type").asText())
                        .filter(type -> type.startsWith("xstate.after")))
                .as("the timer of the state the migration left never fired")
                .isEmpty();
    }

    @Test
    void withoutAChainOfMigrationsTheDesiredVersionIsRefused() {
        String instance = started(Deployments.freshName("no-path"));
        String unrelated =
                Deployments.finalizeVersion(admin, machine, MachineFixtures.resource("evolving/v3.js"), false);

        ApiClient.Response refused = desire(instance, unrelated);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("no-migration-path");
        assertThat(adminView(instance).has("desiredMachineVersion")).isFalse();
    }

    @Test
    void aMigrationThatThrowsLoopsOrNamesAStateTheTargetLacksFailsTheEventAndChangesNothing() {
        for (String fixture : List.of("evolving/throws.js", "evolving/loops.js", "evolving/unknown-state.js")) {
            String target =
                    Deployments.finalizeVersion(admin, machine, MachineFixtures.resource("evolving/v2.js"), false);
            migration(v1, target, fixture);
            String instance = started(Deployments.freshName("failing"), "start");
            JsonNode before = adminView(instance);
            List<JsonNode> historyBefore = instances.history(instance);
            desire(instance, target);

            ApiClient.Response failed = instances.send(instance, Map.of("type", "next"));

            assertThat(failed.status()).as(fixture + ": " + failed.body()).isEqualTo(400);
            assertThat(failed.code()).isEqualTo("user-code-error");
            JsonNode after = adminView(instance);
            assertThat(after.path("machineVersion").path("id").asText())
                    .as(fixture)
                    .isEqualTo(v1);
            assertThat(after.path("state")).isEqualTo(before.path("state"));
            assertThat(after.path("context")).isEqualTo(before.path("context"));
            assertThat(instances.history(instance)).hasSameSizeAs(historyBefore);
            assertThat(InstanceLogs.of(RunningStack.get(), machine, instance))
                    .anySatisfy(line -> assertThat(line).contains("the upgrade to " + target + " failed"));
        }
    }

    @Test
    void finalizeRefusesAMigrationWithoutUpgradeContextNamingIt() {
        ApiClient.Response refused = reserveAndUpload(v1, v2, "evolving/no-upgrade-context.js");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("parameter").asText()).isEqualTo("code");
        assertThat(refused.json().path("error").asText()).contains("upgradeContext");
    }

    @Test
    void aMigrationBetweenVersionsTheMachineDoesNotHaveIsRefused() {
        ApiClient.Response refused = admin.post(
                "/machines/" + machine + "/migrations",
                Map.of("fromMachineVersionId", v1, "toMachineVersionId", "mv_nope"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(Json.readStored(refused.body()).path("parameter").asText()).isEqualTo("toMachineVersionId");
    }

    @Test
    void deletingAMachineDeletesItsMigrations() {
        String doomed = Deployments.machineWithCurrentVersion(admin, "evolving/v1.js");
        String first = Deployments.currentVersionId(admin, doomed);
        String second = Deployments.finalizeVersion(admin, doomed, MachineFixtures.resource("evolving/v2.js"), false);
        Deployments.migration(admin, doomed, first, second, "evolving/v1-to-v2.js");
        String migrations = "org#" + RunningStack.get().credentials().orgId() + "#m#" + doomed + "#migrations";
        assertThat(StackTable.items(RunningStack.get(), migrations)).hasSize(1);

        assertThat(Deployments.deleteMachine(admin, doomed).status()).isEqualTo(204);

        assertThat(StackTable.items(RunningStack.get(), migrations)).isEmpty();
    }
}
