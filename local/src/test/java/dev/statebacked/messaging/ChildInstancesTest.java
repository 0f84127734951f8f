package dev.statebacked.messaging;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.json.Json;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.Eventually;
import dev.statebacked.testing.MachineFixtures;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.RunningStack;
import dev.statebacked.testing.StackQueues;
import dev.statebacked.testing.TokenSigner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * semantics.md, "Persistent children and messages between instances", on the example of seeds/child-instances.md:
 * a parent that spawns one persistent child and invokes another, sends to both, and hears from both.
 */
class ChildInstancesTest {
    private static final ApiClient admin = RunningStack.adminClient();
    private static final ApiClient user = admin.actingAs("user-1");
    private static MachineInstances parents;
    private static MachineInstances children;

    @BeforeAll
    static void deployParentAndChild() {
        Family family = Family.deploy();
        parents = family.parents();
        children = family.children();
    }

    /** A parent machine and the child machine it spawns and invokes, deployed under fresh names. */
    private record Family(MachineInstances parents, MachineInstances children) {
        static Family deploy() {
            String parent = freshName("parent-machine");
            String child = freshName("child-machine");
            deployMachine(parent, MachineFixtures.resource("parent-machine.js").replace("__CHILD_MACHINE__", child));
            deployMachine(child, MachineFixtures.resource("child-machine.js").replace("__PARENT_MACHINE__", parent));
            return new Family(new MachineInstances(user, parent), new MachineInstances(user, child));
        }

        private static void deployMachine(String machine, String code) {
            assertThat(admin.post("/machines", Map.of("slug", machine)).status())
                    .isEqualTo(201);
            Deployments.finalizeVersion(admin, machine, code, true);
        }
    }

    @Test
    void theParentAndChildExampleRunsEndToEndWithAuthorizationBySender() {
        String parent = freshName("p");
        parents.created(parent, Map.of("uid", "user-1"));

        JsonNode running = parents.sent(parent, "run");
        assertThat(running.path("state").has("running"))
                .as("run returns without waiting for the children: %s", running)
                .isTrue();

        JsonNode settled = Eventually.poll(
                Duration.ofSeconds(30),
                () -> parents.get(parent).json(),
                s -> s.path("publicContext").has("waved"));
        assertThat(settled.path("state").path("running").asText())
                .as("parent %s, history %s, children %s", settled, parents.history(parent), children.list())
                .isEqualTo("done");
        assertThat(settled.path("publicContext")
                        .path("childDone")
                        .path("result")
                        .asText())
                .as("the invoked child's final state answers with done.invoke.child and its data")
                .isEqualTo("ok");
        assertThat(parents.history(parent))
                .extracting(t -> t.path("event").path("type").asText())
                .as("the child's delayed sendParent comes after its done event")
                .containsExactly("xstate.init", "run", "childSaysHi", "childSaysHi", "done.invoke.child", "childWaved");

        List<JsonNode> created = children.list();
        String spawned = admin.get(parents.path(parent) + "/admin")
                .json()
                .path("context")
                .path("actor1")
                .path("machineInstanceName")
                .asText();
        assertThat(created)
                .extracting(i -> i.path("slug").asText())
                .as("one spawned, one invoked child")
                .hasSize(2)
                .contains(spawned);
        String invoked = created.stream()
                .map(i -> i.path("slug").asText())
                .filter(s -> !s.equals(spawned))
                .findFirst()
                .orElseThrow();
        assertThat(Eventually.poll(
                                Duration.ofSeconds(10),
                                () -> children.get(spawned).json(),
                                s -> s.path("state").asText().equals("done"))
                        .path("state")
                        .asText())
                .as("the delayed send reached the spawned child")
                .isEqualTo("done");
        assertThat(children.get(invoked).json().path("state").asText()).isEqualTo("finished");
        assertThat(children.history(invoked))
                .extracting(t -> t.path("event").path("type").asText())
                .containsExactly("xstate.init", "hiFromParent", "finish");
    }

    /**
     * The invoked child's name comes from {@code persistentInvocableSource} at module evaluation: a module state
     * that outlived its session once gave every parent of a warm context the same child, and the third run's
     * parent waited for a child that had finished long before.
     */
    @Test
    void theExampleRunManyTimesInARowAndAtOnceGivesEveryParentChildrenOfItsOwn() throws Exception {
        Family family = Family.deploy();
        MachineInstances parents = family.parents();
        MachineInstances children = family.children();
        List<String> parentNames = new java.util.ArrayList<>();
        for (int run = 0; run < 6; run++) {
            String parent = freshName("again");
            parents.created(parent, Map.of("uid", "user-1"));
            parents.sent(parent, "run");
            parentNames.add(parent);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<String>> started = new java.util.ArrayList<>();
            for (int run = 0; run < 6; run++) {
                started.add(pool.submit(() -> {
                    String parent = freshName("at-once");
                    parents.created(parent, Map.of("uid", "user-1"));
                    parents.sent(parent, "run");
                    return parent;
                }));
            }
            for (var future : started) {
                parentNames.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        for (String parent : parentNames) {
            JsonNode settled = Eventually.poll(
                    Duration.ofSeconds(60),
                    () -> parents.get(parent).json(),
                    s -> s.path("publicContext").has("waved"));
            assertThat(settled.path("state").path("running").asText())
                    .as("parent %s: %s, history %s", parent, settled, parents.history(parent))
                    .isEqualTo("done");
        }
        assertThat(children.list())
                .as("a spawned and an invoked child for each parent")
                .hasSize(2 * parentNames.size());
    }

    @Test
    void aPersistentChildsInitialContextIsLaidOverItsMachinesOwnLikeACreate() {
        // a family of its own, so that its children are the only ones listed
        Family family = Family.deploy();
        String parent = freshName("p");
        family.parents().created(parent, Map.of("uid", "user-1"));
        family.parents().sent(parent, "run");

        List<JsonNode> created =
                Eventually.poll(Duration.ofSeconds(30), () -> family.children().list(), list -> list.size() == 2);

        for (JsonNode child : created) {
            String name = child.path("slug").asText();
            assertThat(admin.get(family.children().path(name) + "/admin").json().path("context"))
                    .as("spawned with { context: { uid } } or invoked with data { uid }: %s", name)
                    .isEqualTo(Json.MAPPER.valueToTree(
                            Map.of("uid", "user-1", "public", Map.of("greeting", "from the child machine"))));
        }
    }

    @Test
    void aDoneEventFromAnInstanceThatIsNotACurrentChildIsDropped() {
        String parent = freshName("p");
        parents.created(parent, Map.of("uid", "user-1"));
        InstanceAddress formerChild = new InstanceAddress(children.machine(), "a-child-the-parent-no-longer-invokes");
        try (StackQueues queues = new StackQueues(RunningStack.get())) {
            String orgId = RunningStack.get().credentials().orgId();
            InstanceAddress to = new InstanceAddress(parents.machine(), parent);
            queues.workQueue()
                    .sendAll(List.of(
                            new Message.Event(
                                    UUID.randomUUID().toString(),
                                    orgId,
                                    to,
                                    formerChild,
                                    Json.MAPPER.createObjectNode().put("type", "done.invoke.child")),
                            new Message.Event(
                                    UUID.randomUUID().toString(),
                                    orgId,
                                    to,
                                    formerChild,
                                    Json.MAPPER.createObjectNode().put("type", "childSaysHi"))));
        }

        Eventually.poll(Duration.ofSeconds(20), () -> parents.history(parent), h -> h.size() >= 2);
        Eventually.sleep(Duration.ofSeconds(1));

        assertThat(parents.history(parent))
                .extracting(t -> t.path("event").path("type").asText())
                .as("the sender may write to the parent, but its done event names a child the parent does not have")
                .containsExactly("xstate.init", "childSaysHi");
    }

    @Test
    void childrenAreIndependentlyAddressableButOnlyTheirParentMayWriteToThem() {
        String parent = freshName("p");
        parents.created(parent, Map.of("uid", "user-1"));
        parents.sent(parent, "run");
        String child = Eventually.poll(
                Duration.ofSeconds(20),
                () -> admin.get(parents.path(parent) + "/admin")
                        .json()
                        .path("context")
                        .path("actor1")
                        .path("machineInstanceName")
                        .asText(""),
                name -> !name.isEmpty());
        assertThat(Eventually.holds(
                        Duration.ofSeconds(20), () -> children.get(child).status() == 200))
                .isTrue();

        assertThat(children.get(child).json().path("state").asText())
                .as("the user whose uid it got may read it")
                .isIn("start", "done");
        assertThat(children.as(admin.actingAs("mallory")).get(child).code())
                .isEqualTo("rejected-by-machine-authorizer");
        ApiClient.Response fromUser = children.send(child, "hiFromParent");
        assertThat(fromUser.status()).as("a user is not the parent").isEqualTo(403);
        assertThat(fromUser.code()).isEqualTo("rejected-by-machine-authorizer");
        var credentials = RunningStack.get().credentials();
        String forged = new TokenSigner(credentials.keyId(), credentials.secret())
                .token(Map.of(
                        "sub",
                        "user-1",
                        "stateBackedSender",
                        Map.of("machineName", parents.machine(), "machineInstanceName", parent)));
        assertThat(admin.send("POST", children.path(child) + "/events", Map.of("event", "hiFromParent"), forged)
                        .code())
                .as("a token cannot claim to come from an instance")
                .isEqualTo("rejected-by-machine-authorizer");
        assertThat(parents.as(admin.actingAs("mallory"))
                        .send(parent, "childSaysHi")
                        .code())
                .as("an event the parent takes from its children is refused from another user")
                .isEqualTo("rejected-by-machine-authorizer");
    }
}
