package dev.statebacked.security;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.local.LocalStack;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.Eventually;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.StackProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack killed with SIGKILL (a stack process of its own) may leave settle claims in instances and wake-ups
 * received but never deleted, which the queue hides for its 10-minute visibility timeout. A stack started on the
 * same data directory answers the next event within seconds (a dead settler's claim lapses within
 * {@code ProcessingOrder.CLAIM_DURATION}) and
 * fires every timer that came due once, within seconds of the restart (the stored instances' pending timers are
 * woken again at start).
 */
class CrashUnderLoadRecoversWithinSecondsTest {
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Test
    void theNextEventToAnInstanceWhoseHolderWasKilledIsAnsweredWithinSeconds(@TempDir Path dataDir) {
        String machine;
        String name = freshName("held");
        try (StackProcess dead = StackProcess.start(dataDir)) {
            machine = Deployments.machineWithCurrentVersion(dead.admin(), "services.js");
            MachineInstances services = new MachineInstances(dead.admin(), machine);
            services.created(name, null);
            // the holder settles a service that never finishes: it holds the lease for the whole settle budget
            Thread.ofVirtual().start(() -> {
                try {
                    services.send(name, "wait-forever");
                } catch (RuntimeException killedWhileWaiting) {
                    // the answer never comes: the stack dies first
                }
            });
            assertThat(Eventually.poll(
                            Duration.ofSeconds(30),
                            () -> services.get(name).json().path("state").asText(),
                            "hanging"::equals))
                    .as("the holder wrote its transition and settles")
                    .isEqualTo("hanging");

            dead.kill();
        }
        try (LocalStack restarted = LocalStack.start(new LocalStack.Options(0, dataDir))) {
            MachineInstances services = new MachineInstances(ApiClient.admin(restarted), machine);
            long sent = System.nanoTime();

            JsonNode next = services.sent(name, "retry");

            assertThat(Duration.ofNanos(System.nanoTime() - sent))
                    .as("answered after the dead holder's lease lapsed")
                    .isLessThan(WITHIN);
            assertThat(next.path("state").asText())
                    .as("the killed service's error event went first")
                    .isEqualTo("recovered");
            assertThat(services.history(name))
                    .extracting(t -> t.path("event").path("type").asText())
                    .containsExactly("xstate.init", "wait-forever", "error.platform.forever", "retry");
        }
    }

    @Test
    void timersThatCameDueWhileTheStackWasDeadFireOnceWithinSecondsOfItsRestart(@TempDir Path dataDir) {
        int count = 20;
        String machine;
        List<String> names = new ArrayList<>();
        long lastDue = 0;
        try (StackProcess dead = StackProcess.start(dataDir)) {
            ApiClient admin = dead.admin();
            machine = Deployments.machineWithCurrentVersion(admin, "timers.js");
            MachineInstances timers = new MachineInstances(admin, machine);
            for (int i = 0; i < count; i++) {
                names.add(freshName("due"));
                timers.created(names.get(i), null);
            }
            long firstArmed = System.currentTimeMillis();
            for (int i = 0; i < count; i++) {
                // due one after the other, so that whenever the stack dies the worker holds some wake-ups (it
                // receives each a second early and waits out the rest) while later ones are still queued
                long delay = 4_000 + i * 150L;
                timers.sent(names.get(i), Map.of("type", "arm", "n", i, "delay", delay));
                lastDue = System.currentTimeMillis() + delay;
            }
            Eventually.sleep(Duration.ofMillis(Math.max(0, firstArmed + 5_000 - System.currentTimeMillis())));

            dead.kill();
        }
        Eventually.sleep(Duration.ofMillis(Math.max(0, lastDue + 500 - System.currentTimeMillis())));
        try (LocalStack restarted = LocalStack.start(new LocalStack.Options(0, dataDir))) {
            long restartedAt = System.currentTimeMillis();
            MachineInstances timers = new MachineInstances(ApiClient.admin(restarted), machine);

            Eventually.poll(
                    WITHIN.plusSeconds(10),
                    () -> names.stream().filter(n -> fired(timers, n).isEmpty()).toList(),
                    List::isEmpty);
            Eventually.sleep(Duration.ofSeconds(2)); // room for a second firing, which must not come

            for (int i = 0; i < count; i++) {
                List<JsonNode> fired = fired(timers, names.get(i));
                assertThat(fired)
                        .as("timer %d fired once", i)
                        .extracting(f -> f.path("n").asInt())
                        .containsExactly(i);
                long dueAt = fired.getFirst().path("dueAt").asLong();
                long at = fired.getFirst().path("at").asLong();
                assertThat(at).as("timer %d not early", i).isGreaterThanOrEqualTo(dueAt);
                assertThat(at - Math.max(dueAt, restartedAt))
                        .as("timer %d late by (ms)", i)
                        .isLessThanOrEqualTo(WITHIN.toMillis());
            }
        }
    }

    private static List<JsonNode> fired(MachineInstances instances, String name) {
        return instances.publicList(name, "fired");
    }
}
