package dev.statebacked.instances;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.MachineFixtures;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.RunningStack;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** semantics.md, "Instances and events", through api-contract.md, "Instances", on the counter machine. */
class InstancesTest {
    private static final Map<String, Object> CONTEXT = Map.of("public", Map.of("count", 5), "secret", "s3cr3t-value");
    private static final ApiClient admin = RunningStack.adminClient();
    private static String machine;
    private static String versionId;
    private static MachineInstances instances;

    @BeforeAll
    static void deployCounter() {
        machine = Deployments.machineWithCurrentVersion(admin, "counter.js");
        versionId = Deployments.currentVersionId(admin, machine);
        instances = new MachineInstances(admin, machine);
    }

    @Test
    void creatingAnInstanceReturnsItsSettledInitialState() {
        long before = Instant.now().toEpochMilli();

        ApiClient.Response response = instances.create(freshName("i"), CONTEXT);

        assertThat(response.status()).isEqualTo(200);
        JsonNode state = response.json();
        assertThat(state.path("ts").asLong()).isBetween(before, Instant.now().toEpochMilli());
        assertThat(state.path("state").asText()).isEqualTo("counting");
        assertThat(state.path("publicContext").path("count").asInt()).isEqualTo(5);
        assertThat(state.path("tags")).extracting(JsonNode::asText).containsExactly("active");
        assertThat(state.path("done").asBoolean(true)).isFalse();
    }

    @Test
    void theGivenContextIsLaidOverTheMachinesOwnKeyByKey() {
        String withOwner = freshName("i");
        String withPublic = freshName("i");

        JsonNode owned = instances.created(withOwner, Map.of("ownerId", "u1"));
        instances.created(withPublic, Map.of("public", Map.of("turn", 1)));

        assertThat(owned.path("publicContext").path("count").asInt(-1)).isZero();
        assertThat(adminContext(withOwner))
                .isEqualTo(json(
                        Map.of("public", Map.of("count", 0), "secret", "never leaves the instance", "ownerId", "u1")));
        assertThat(adminContext(withPublic))
                .as("a given key replaces the machine's whole, it is not merged deeply")
                .isEqualTo(json(Map.of("public", Map.of("turn", 1), "secret", "never leaves the instance")));
    }

    @Test
    void anInstanceCreatedWithoutContextStartsFromTheMachinesOwn() {
        String instance = freshName("i");

        JsonNode created = instances.created(instance, null);

        assertThat(created.path("publicContext")).isEqualTo(json(Map.of("count", 0)));
        assertThat(instances
                        .sent(instance, "increment")
                        .path("publicContext")
                        .path("count")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void theInitializationAuthorizerSeesTheContextAsTheCallerGaveIt() {
        String instance = freshName("i");

        ApiClient.Response response = instances.create(instance, Map.of("alone", true));

        assertThat(response.status())
                .as("refused when the authorizer sees more keys than given: %s", response.body())
                .isEqualTo(200);
        assertThat(adminContext(instance))
                .as("laid over the machine's own after the authorizer")
                .isEqualTo(json(
                        Map.of("public", Map.of("count", 0), "secret", "never leaves the instance", "alone", true)));
    }

    @Test
    void onlyThePublicPartOfTheContextIsReturned() {
        String instance = freshName("i");

        List<ApiClient.Response> responses = List.of(
                instances.create(instance, CONTEXT), instances.get(instance), instances.send(instance, "increment"));

        for (ApiClient.Response response : responses) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().fieldNames())
                    .toIterable()
                    .containsExactlyInAnyOrder("ts", "state", "publicContext", "tags", "done");
            assertThat(response.body()).doesNotContain("s3cr3t-value");
        }
    }

    @Test
    void creatingAnInstanceWithAnExistingNameIsAConflictAndLeavesItAlone() {
        String instance = freshName("i");
        instances.created(instance, CONTEXT);
        instances.sent(instance, "increment");

        ApiClient.Response again = instances.create(instance, Map.of("public", Map.of("count", 100)));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("invalid-state");
        assertThat(instances
                        .get(instance)
                        .json()
                        .path("publicContext")
                        .path("count")
                        .asInt())
                .isEqualTo(6);
        assertThat(instances.history(instance)).hasSize(2);
    }

    @Test
    void anInitializationTheAuthorizerRejectsCreatesNothing() {
        String instance = freshName("i");

        ApiClient.Response response = instances.create(instance, Map.of("refuse", true));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("rejected-by-machine-authorizer");
        assertThat(instances.get(instance).status()).isEqualTo(404);
        assertThat(instances.list()).extracting(i -> i.path("slug").asText()).doesNotContain(instance);
        assertThat(instances.create(instance, CONTEXT).status())
                .as("the name is still free")
                .isEqualTo(200);
    }

    @Test
    void readingAnInstanceNeedsItsAllowRead() {
        String instance = freshName("i");
        instances.created(instance, CONTEXT);

        ApiClient.Response refused = instances.as(admin.actingAs("no-reader")).get(instance);
        ApiClient.Response allowed = instances.get(instance);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("rejected-by-machine-authorizer");
        assertThat(refused.body()).doesNotContain("count");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.json().path("publicContext").path("count").asInt()).isEqualTo(5);
    }

    @Test
    void sendingAnEventReturnsTheSettledStateAfterIt() {
        String instance = freshName("i");
        instances.created(instance, CONTEXT);

        JsonNode afterIncrement = instances.sent(instance, "increment");
        JsonNode afterStop = instances.sent(instance, "stop");

        assertThat(afterIncrement.path("state").asText()).isEqualTo("counting");
        assertThat(afterIncrement.path("publicContext").path("count").asInt()).isEqualTo(6);
        assertThat(afterStop.path("state").asText()).isEqualTo("stopped");
        assertThat(afterStop.path("tags")).isEmpty();
        assertThat(afterStop.path("ts").asLong())
                .isGreaterThanOrEqualTo(afterIncrement.path("ts").asLong());
        assertThat(instances.get(instance).json().path("state").asText()).isEqualTo("stopped");
    }

    @Test
    void anEventIsANameOrAnObjectWithAType() {
        String instance = freshName("i");
        instances.created(instance, CONTEXT);

        JsonNode byName = instances.sent(instance, "increment");
        JsonNode byObject = instances.sent(instance, Map.of("type", "increment", "note", "with data"));

        assertThat(byName.path("publicContext").path("count").asInt()).isEqualTo(6);
        assertThat(byObject.path("publicContext").path("count").asInt()).isEqualTo(7);
        List<JsonNode> history = instances.history(instance);
        assertThat(history.get(1).path("event")).isEqualTo(json(Map.of("type", "increment")));
        assertThat(history.get(2).path("event")).isEqualTo(json(Map.of("type", "increment", "note", "with data")));
    }

    @Test
    void anEventTheAuthorizerRejectsIsRefusedAndChangesNothing() {
        String instance = freshName("i");
        instances.created(instance, CONTEXT);

        ApiClient.Response refused = instances.as(admin.actingAs("read-only")).send(instance, "increment");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("rejected-by-machine-authorizer");
        assertThat(instances
                        .get(instance)
                        .json()
                        .path("publicContext")
                        .path("count")
                        .asInt())
                .isEqualTo(5);
        assertThat(instances.history(instance)).hasSize(1);
    }

    @Test
    void theInstancesOfAMachineAreListedPageByPage() {
        String other = Deployments.machineWithCurrentVersion(admin, "counter.js");
        MachineInstances ofOther = new MachineInstances(admin, other);
        List<String> names = java.util.stream.IntStream.range(0, 55)
                .mapToObj(n -> String.format("n%03d", n))
                .toList();
        names.forEach(name -> ofOther.created(name, CONTEXT));

        List<JsonNode> pages = ofOther.pages("/machines/" + other + "/i");
        List<JsonNode> listed = ofOther.list();

        assertThat(pages).hasSizeGreaterThan(1);
        assertThat(pages.getLast().has("cursor")).isFalse();
        assertThat(listed).extracting(i -> i.path("slug").asText()).containsExactlyInAnyOrderElementsOf(names);
        JsonNode first = listed.getFirst();
        assertThat(Instant.parse(first.path("createdAt").asText()))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(first.path("status").asText()).isEqualTo("running");
        String otherVersion = Deployments.currentVersionId(admin, other);
        assertThat(first.path("machineVersion").path("id").asText()).isEqualTo(otherVersion);
    }

    @Test
    void theHistoryListsEveryTransitionOldestFirstWithItsTimeStateAndEvent() {
        String instance = freshName("i");
        instances.created(instance, CONTEXT);
        instances.sent(instance, "increment");
        instances.sent(instance, "stop");
        instances.sent(instance, "resume");

        List<JsonNode> history = instances.history(instance);

        assertThat(history)
                .extracting(t -> t.path("event").path("type").asText())
                .containsExactly("xstate.init", "increment", "stop", "resume");
        assertThat(history)
                .extracting(t -> t.path("state").asText())
                .containsExactly("counting", "counting", "stopped", "counting");
        assertThat(history)
                .extracting(t -> Instant.parse(t.path("createdAt").asText()))
                .isSorted();
        assertThat(history)
                .allSatisfy(t -> assertThat(t.fieldNames())
                        .toIterable()
                        .containsExactlyInAnyOrder("createdAt", "state", "event"));
    }

    @Test
    void theAdminViewShowsTheFullContextStatusAndVersion() {
        String instance = freshName("i");
        instances.created(instance, CONTEXT);
        instances.sent(instance, "increment");

        ApiClient.Response response = instances.admin(instance);

        assertThat(response.status()).isEqualTo(200);
        JsonNode view = response.json();
        assertThat(view.path("state").asText()).isEqualTo("counting");
        assertThat(view.path("context"))
                .isEqualTo(json(Map.of("public", Map.of("count", 6), "secret", "s3cr3t-value")));
        assertThat(view.path("status").asText()).isEqualTo("running");
        assertThat(view.path("tags")).extracting(JsonNode::asText).containsExactly("active");
        assertThat(view.path("done").asBoolean(true)).isFalse();
        assertThat(view.path("machineVersion").path("id").asText()).isEqualTo(versionId);
        assertThat(Instant.parse(view.path("createdAt").asText()))
                .isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void anInstanceRunsTheCurrentVersionUnlessAnotherIsRequested() {
        String other = Deployments.finalizeVersion(admin, machine, MachineFixtures.resource("counter.js"), false);
        String onCurrent = freshName("i");
        String onOther = freshName("pinned");

        instances.created(onCurrent, CONTEXT);
        ApiClient.Response pinned = admin.post(
                "/machines/" + machine, Map.of("slug", onOther, "context", CONTEXT, "machineVersionId", other));

        assertThat(pinned.status()).isEqualTo(200);
        assertThat(instances
                        .admin(onCurrent)
                        .json()
                        .path("machineVersion")
                        .path("id")
                        .asText())
                .isEqualTo(versionId);
        assertThat(instances
                        .admin(onOther)
                        .json()
                        .path("machineVersion")
                        .path("id")
                        .asText())
                .isEqualTo(other);
    }

    @Test
    void aPausedInstanceRefusesEventsUntilItIsResumed() {
        String instance = freshName("i");
        instances.created(instance, CONTEXT);

        assertThat(instances.setStatus(instance, "paused").status()).isEqualTo(204);
        ApiClient.Response whilePaused = instances.send(instance, "increment");
        String statusWhilePaused =
                instances.admin(instance).json().path("status").asText();
        String listedWhilePaused = listedStatus(instance);
        assertThat(instances.setStatus(instance, "running").status()).isEqualTo(204);
        JsonNode afterResume = instances.sent(instance, "increment");

        assertThat(whilePaused.status()).isEqualTo(409);
        assertThat(whilePaused.code()).isEqualTo("invalid-state");
        assertThat(statusWhilePaused).isEqualTo("paused");
        assertThat(listedWhilePaused).isEqualTo("paused");
        assertThat(listedStatus(instance)).isEqualTo("running");
        assertThat(afterResume.path("publicContext").path("count").asInt())
                .as("the refused event was not applied")
                .isEqualTo(6);
        assertThat(instances.history(instance)).hasSize(2);
    }

    private static String listedStatus(String instance) {
        return instances.list().stream()
                .filter(i -> i.path("slug").asText().equals(instance))
                .findFirst()
                .orElseThrow()
                .path("status")
                .asText();
    }

    @Test
    void deletingAnInstanceNeedsTheHmacOfItsNameKeyedWithTheMachineName() {
        String instance = freshName("i");
        instances.created(instance, CONTEXT);
        instances.sent(instance, "increment");

        ApiClient.Response wrong = admin.delete(
                instances.path(instance),
                Map.of(
                        "dangerDataWillBeDeletedForever",
                        true,
                        "hmacSha256OfMachineInstanceNameWithMachineNameKey",
                        MachineInstances.hmacSha256(machine, instance + "-not")));
        boolean existsAfterWrong = instances.get(instance).status() == 200;
        ApiClient.Response right = instances.delete(instance);

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("parameter").asText())
                .isEqualTo("hmacSha256OfMachineInstanceNameWithMachineNameKey");
        assertThat(existsAfterWrong).isTrue();
        assertThat(right.status()).isEqualTo(204);
        assertThat(instances.get(instance).status()).isEqualTo(404);
        assertThat(admin.get(instances.path(instance) + "/events").status()).isEqualTo(404);
        assertThat(instances.list()).extracting(i -> i.path("slug").asText()).doesNotContain(instance);
        assertThat(instances.create(instance, CONTEXT).status())
                .as("the name can be used again")
                .isEqualTo(200);
        assertThat(instances.history(instance)).as("with a history of its own").hasSize(1);
    }

    @Test
    void anUnknownMachineOrInstanceIsNotFound() {
        String absentMachine = freshName("absent");
        String absentInstance = freshName("absent");
        MachineInstances ofAbsentMachine = new MachineInstances(admin, absentMachine);

        assertThat(ofAbsentMachine.create("x", CONTEXT).status()).isEqualTo(404);
        assertThat(admin.get("/machines/" + absentMachine + "/i").status()).isEqualTo(404);
        assertThat(ofAbsentMachine.get("x").status()).isEqualTo(404);
        assertThat(instances.get(absentInstance).status()).isEqualTo(404);
        assertThat(instances.send(absentInstance, "increment").status()).isEqualTo(404);
        assertThat(admin.get(instances.path(absentInstance) + "/events").status())
                .isEqualTo(404);
        assertThat(instances.admin(absentInstance).status()).isEqualTo(404);
        assertThat(instances.setStatus(absentInstance, "paused").status()).isEqualTo(404);
    }

    @Test
    void aMalformedEventIsAnInvalidParameter() {
        String instance = freshName("i");
        instances.created(instance, CONTEXT);

        ApiClient.Response notJson = admin.post(instances.path(instance) + "/events", "{\"event\": {\"type\": ");
        ApiClient.Response noType = instances.send(instance, Map.of("kind", "increment"));
        ApiClient.Response notAnEvent = instances.send(instance, 42);

        for (ApiClient.Response response : List.of(notJson, noType, notAnEvent)) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("invalid-parameter");
        }
        assertThat(noType.json().path("parameter").asText()).isEqualTo("event");
        assertThat(instances.history(instance)).hasSize(1);
    }

    private static JsonNode adminContext(String instance) {
        return instances.admin(instance).json().path("context");
    }

    static JsonNode json(Object value) {
        return dev.statebacked.json.Json.MAPPER.valueToTree(value);
    }
}
