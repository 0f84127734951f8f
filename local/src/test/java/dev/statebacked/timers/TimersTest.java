package dev.statebacked.timers;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.messaging.DeadLetter;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.Eventually;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.RunningStack;
import dev.statebacked.testing.StackQueues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** semantics.md, "Timers": delayed sends and {@code after} are durable, fire once, and cancel. */
class TimersTest {
    private static final ApiClient admin = RunningStack.adminClient();
    private static MachineInstances instances;

    @BeforeAll
    static void deployTimers() {
        instances = new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "timers.js"));
    }

    @Test
    void aHundredTimersFireOnceEachInDueOrderPerInstance() {
        Random random = new Random(7);
        List<String> names =
                IntStream.range(0, 10).mapToObj(i -> freshName("t")).toList();
        names.forEach(name -> instances.created(name, null));
        for (int n = 0; n < 10; n++) {
            for (String name : names) {
                instances.sent(name, Map.of("type", "arm", "n", n, "delay", 1000 + random.nextInt(2000)));
            }
        }

        for (String name : names) {
            List<JsonNode> fired = Eventually.poll(Duration.ofSeconds(30), () -> fired(name), f -> f.size() >= 10);
            Eventually.sleep(Duration.ofMillis(200)); // a duplicate would come right after
            fired = fired(name);
            assertThat(fired)
                    .extracting(f -> f.path("n").asInt())
                    .as("each timer of %s fires once", name)
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.range(0, 10).boxed().toList());
            assertThat(fired)
                    .as("%s fires in due order", name)
                    .isSortedAccordingTo(
                            Comparator.comparingLong(f -> f.path("dueAt").asLong()));
            assertThat(fired)
                    .allSatisfy(f -> assertThat(f.path("at").asLong())
                            .as("never early")
                            .isGreaterThanOrEqualTo(f.path("dueAt").asLong()));
        }
    }

    @Test
    void aTimerDueAtOnceFiresAlthoughItsWakeUpMayArriveBeforeItsWriteLands() {
        String name = freshName("zero");
        instances.created(name, null);
        for (int n = 0; n < 20; n++) {
            instances.sent(name, Map.of("type", "arm", "n", n, "delay", 0));
        }

        List<JsonNode> fired = Eventually.poll(Duration.ofSeconds(20), () -> fired(name), f -> f.size() >= 20);

        assertThat(fired)
                .extracting(f -> f.path("n").asInt())
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 20).boxed().toList());
    }

    @Test
    void aCancelledTimerNeverFires() {
        String name = freshName("cancel");
        instances.created(name, null);
        instances.sent(name, Map.of("type", "armCancellable", "n", 1, "delay", 1000));
        instances.sent(name, Map.of("type", "arm", "n", 2, "delay", 2000));
        instances.sent(name, "cancelIt");

        List<JsonNode> fired = Eventually.poll(Duration.ofSeconds(20), () -> fired(name), f -> !f.isEmpty());
        Eventually.sleep(Duration.ofMillis(500));

        assertThat(fired(name)).extracting(f -> f.path("n").asInt()).containsExactly(2);
    }

    @Test
    void anAfterTransitionFiresAndLeavingTheStateCancelsIt() {
        String fires = freshName("after");
        String leaves = freshName("after-left");
        instances.created(fires, null);
        instances.created(leaves, null);
        assertThat(instances.sent(fires, "wait").path("state").asText()).isEqualTo("waiting");
        instances.sent(leaves, "wait");
        instances.sent(leaves, "leave");
        instances.sent(leaves, "wait"); // a new `after` timer, armed anew: only it may fire

        assertThat(Eventually.poll(
                                Duration.ofSeconds(20),
                                () -> instances.get(fires).json(),
                                s -> s.path("state").asText().equals("idle"))
                        .path("publicContext")
                        .path("afterFired")
                        .asInt())
                .as("after fired: %s %s", instances.admin(fires).body(), instances.history(fires))
                .isEqualTo(1);
        JsonNode left = Eventually.poll(
                Duration.ofSeconds(20),
                () -> instances.get(leaves).json(),
                s -> s.path("state").asText().equals("idle"));
        Eventually.sleep(Duration.ofMillis(1000));
        assertThat(instances
                        .get(leaves)
                        .json()
                        .path("publicContext")
                        .path("afterFired")
                        .asInt())
                .as("the timer of the state left early never fires")
                .isEqualTo(1);
        assertThat(left.path("state").asText()).isEqualTo("idle");
        List<String> events = new ArrayList<>();
        instances
                .history(fires)
                .forEach(t -> events.add(t.path("event").path("type").asText()));
        assertThat(events).containsExactly("xstate.init", "wait", "xstate.after(1500)#timers.waiting");
    }

    @Test
    void aTimerThatFiresWhileTheInstanceIsPausedCountsAsAFailedAttempt() {
        String name = freshName("paused");
        instances.created(name, null);
        instances.sent(name, Map.of("type", "arm", "n", 1, "delay", 1000));
        assertThat(instances.setStatus(name, "paused").status()).isEqualTo(204);
        try (StackQueues queues = new StackQueues(RunningStack.get())) {
            Optional<DeadLetter> parked =
                    Eventually.poll(Duration.ofSeconds(60), () -> queues.parked(name), Optional::isPresent);

            assertThat(parked)
                    .as("rejected on each of its 5 attempts, then parked")
                    .isPresent();
            assertThat(fired(name)).isEmpty();
            assertThat(instances.setStatus(name, "running").status()).isEqualTo(204);
            queues.deadLetters().redrive(Optional.of(parked.get().messageId()));
            assertThat(Eventually.poll(Duration.ofSeconds(20), () -> fired(name), f -> !f.isEmpty()))
                    .as("re-driven once the instance runs again")
                    .extracting(f -> f.path("n").asInt())
                    .containsExactly(1);
        }
    }

    private static List<JsonNode> fired(String name) {
        return instances.publicList(name, "fired");
    }
}
