package dev.statebacked.local.lambda;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.Eventually;
import dev.statebacked.testing.MachineFixtures;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.RealtimeClient;
import dev.statebacked.testing.RunningLambdaStack;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service works when each function runs from the deployment artifact as Lambda runs it: the API function
 * behind the gateway, the queue worker behind the queue's event source mapping, the real-time functions behind the
 * WebSocket route and the table stream's mapping, each in its own JVM under the official runtime interface client.
 */
class LambdaRuntimeSmokeTest {
    private static final ApiClient admin = RunningLambdaStack.adminClient();

    @Test
    void healthReportsEveryServiceFromTheApiFunction() {
        ApiClient.Response health = admin.get("/health");

        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json()
                        .path("services")
                        .path("dynamodb")
                        .path("status")
                        .asText())
                .isEqualTo("ok");
        assertThat(health.json().path("services").path("sqs").path("status").asText())
                .isEqualTo("ok");
        assertThat(health.json()
                        .path("services")
                        .path("scheduler")
                        .path("status")
                        .asText())
                .isEqualTo("ok");
    }

    @Test
    void aMachineItsVersionAnInstanceAndItsEventsWorkEndToEnd() {
        MachineInstances counters =
                new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "counter.js"));
        String name = freshName("c");

        assertThat(counters.created(name, Map.of("public", Map.of("count", 0)))
                        .path("state")
                        .asText())
                .isEqualTo("counting");
        counters.sent(name, "increment");
        JsonNode state = counters.sent(name, "increment");

        assertThat(state.path("publicContext").path("count").asInt()).isEqualTo(2);
        assertThat(counters.get(name).json().path("publicContext").path("count").asInt())
                .isEqualTo(2);
        assertThat(counters.history(name))
                .extracting(t -> t.path("event").path("type").asText())
                .containsExactly("xstate.init", "increment", "increment");
    }

    @Test
    void aDurableTimerIsFiredByTheQueueWorkerFunction() {
        MachineInstances timers =
                new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "timers.js"));
        String name = freshName("t");
        timers.created(name, null);

        timers.sent(name, Map.of("type", "arm", "n", 1, "delay", 1000));

        JsonNode fired = Eventually.poll(
                        Duration.ofSeconds(30), () -> timers.publicList(name, "fired"), f -> !f.isEmpty())
                .getFirst();
        assertThat(fired.path("n").asInt()).isEqualTo(1);
        assertThat(fired.path("at").asLong())
                .as("never early")
                .isGreaterThanOrEqualTo(fired.path("dueAt").asLong());
    }

    @Test
    void aPersistentChildIsCreatedThroughTheQueueAndAnswersItsParent() {
        String parentMachine = freshName("parent-machine");
        String childMachine = freshName("child-machine");
        deploy(parentMachine, MachineFixtures.resource("parent-machine.js").replace("__CHILD_MACHINE__", childMachine));
        deploy(childMachine, MachineFixtures.resource("child-machine.js").replace("__PARENT_MACHINE__", parentMachine));
        MachineInstances parents = new MachineInstances(admin.actingAs("user-1"), parentMachine);
        String parent = freshName("p");
        parents.created(parent, Map.of("uid", "user-1"));

        parents.sent(parent, "run");

        // both children answer through the queue: the invoked one's done event and the delayed wave may come in
        // either order when a delivery is retried (10 s apart, see RunningLambdaStack)
        JsonNode settled = Eventually.poll(
                Duration.ofSeconds(90),
                () -> parents.get(parent).json(),
                s -> s.path("publicContext").has("waved")
                        && s.path("publicContext").has("childDone"));
        assertThat(settled.path("state").path("running").asText()).isEqualTo("done");
        assertThat(settled.path("publicContext")
                        .path("childDone")
                        .path("result")
                        .asText())
                .isEqualTo("ok");
    }

    @Test
    void anEventWhoseServiceOutlastsTheApiDeadlineIsAnsweredAtItAndSettlesInTheProcessor() {
        MachineInstances slow =
                new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "slow-service.js"));
        String name = freshName("slow");
        slow.created(name, null);
        Duration deadline = Duration.ofSeconds(Long.parseLong(RunningLambdaStack.ANSWER_WITHIN_SECONDS));
        int serviceMillis = (int) deadline.plusSeconds(6).toMillis();

        long started = System.nanoTime();
        ApiClient.Response answer = slow.send(name, Map.of("type", "wait", "ms", serviceMillis));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("state").asText())
                .as("the state after the event's first transition")
                .isEqualTo("waiting");
        assertThat(waited)
                .as("answered at the API's deadline, before the service ended")
                .isBetween(deadline.minusMillis(500), Duration.ofMillis(serviceMillis));
        JsonNode settled = Eventually.poll(
                Duration.ofSeconds(60),
                () -> slow.get(name).json(),
                s -> s.path("state").asText().equals("finished"));
        assertThat(settled.path("publicContext").path("waited").asInt()).isEqualTo(serviceMillis);
    }

    @Test
    void aSubscriberSeesATransitionThroughTheWebSocketAndStreamFunctions() {
        MachineInstances counters =
                new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "counter.js"));
        String name = freshName("c");
        counters.created(name, Map.of("public", Map.of("count", 0)));
        try (RealtimeClient client =
                RealtimeClient.connect(RunningLambdaStack.get().apiUrl(), admin.token())) {
            client.subscribe(counters.machine(), name, "r1");
            assertThat(client.next(Duration.ofSeconds(30))
                            .path("publicContext")
                            .path("count")
                            .asInt())
                    .isEqualTo(0);
            counters.sent(name, "increment");
            assertThat(client.next(Duration.ofSeconds(30))
                            .path("publicContext")
                            .path("count")
                            .asInt())
                    .isEqualTo(1);
        }
    }

    private static void deploy(String machine, String code) {
        assertThat(admin.post("/machines", Map.of("slug", machine)).status()).isEqualTo(201);
        Deployments.finalizeVersion(admin, machine, code, true);
    }
}
