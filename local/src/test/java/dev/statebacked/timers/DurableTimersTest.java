package dev.statebacked.timers;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.config.AwsClients;
import dev.statebacked.config.Settings;
import dev.statebacked.local.LocalStack;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.Eventually;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.RunningStack;
import dev.statebacked.testing.ShiftableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/** semantics.md, "Timers": durable across a restart of the stack, and years away (through EventBridge schedules). */
class DurableTimersTest {
    @TempDir
    Path dataDir;

    @Test
    void aTimerArmedBeforeTheStackStopsFiresAfterItRestarts() {
        String machine;
        String name = freshName("restart");
        try (LocalStack before = LocalStack.start(new LocalStack.Options(0, dataDir))) {
            ApiClient admin = ApiClient.admin(before);
            machine = Deployments.machineWithCurrentVersion(admin, "timers.js");
            MachineInstances instances = new MachineInstances(admin, machine);
            instances.created(name, null);
            instances.sent(name, Map.of("type", "arm", "n", 1, "delay", 5000));
        }
        try (LocalStack after = LocalStack.start(new LocalStack.Options(0, dataDir))) {
            MachineInstances instances = new MachineInstances(ApiClient.admin(after), machine);

            List<JsonNode> fired =
                    Eventually.poll(Duration.ofSeconds(30), () -> fired(instances, name), f -> !f.isEmpty());
            Eventually.sleep(Duration.ofMillis(500));

            assertThat(fired(instances, name))
                    .extracting(f -> f.path("n").asInt())
                    .containsExactly(1);
            assertThat(fired)
                    .allSatisfy(f -> assertThat(f.path("at").asLong())
                            .isGreaterThanOrEqualTo(f.path("dueAt").asLong()));
        }
    }

    @Test
    void aTwentyMinuteTimerBecomesAScheduleAndFiresThroughIt() {
        ShiftableClock clock = new ShiftableClock();
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(
                        0, dataDir, clock, RunningStack.FAST_RETRIES, LocalStack.Functions.inProcess()));
                AwsClients aws = new AwsClients(stack.apiEnvironment())) {
            ApiClient admin = ApiClient.admin(stack);
            MachineInstances instances =
                    new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "timers.js"));
            String name = freshName("long");
            instances.created(name, null);
            long armed = clock.millis();
            instances.sent(
                    name,
                    Map.of(
                            "type",
                            "arm",
                            "n",
                            1,
                            "delay",
                            Duration.ofMinutes(20).toMillis()));

            String group = Settings.fromEnvironment(stack.apiEnvironment()).scheduleGroup();
            List<ScheduleSummary> schedules =
                    aws.scheduler().listSchedules(b -> b.groupName(group)).schedules();
            assertThat(schedules)
                    .as("one EventBridge schedule, not a queue message")
                    .hasSize(1);
            String expression = aws.scheduler()
                    .getSchedule(
                            b -> b.groupName(group).name(schedules.getFirst().name()))
                    .scheduleExpression();
            assertThat(expression)
                    .as("fires a minute early, for EventBridge's minute granularity")
                    .startsWith("at(")
                    .contains(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
                            .withZone(java.time.ZoneOffset.UTC)
                            .format(java.time.Instant.ofEpochMilli(armed).plus(Duration.ofMinutes(19))));
            Eventually.sleep(Duration.ofSeconds(2));
            assertThat(fired(instances, name)).as("not before its time").isEmpty();

            clock.advance(Duration.ofMinutes(20));

            List<JsonNode> fired =
                    Eventually.poll(Duration.ofSeconds(20), () -> fired(instances, name), f -> !f.isEmpty());
            assertThat(fired).extracting(f -> f.path("n").asInt()).containsExactly(1);
            assertThat(aws.scheduler().listSchedules(b -> b.groupName(group)).schedules())
                    .as("deleted after it fired")
                    .isEmpty();
        }
    }

    private static List<JsonNode> fired(MachineInstances instances, String name) {
        return instances.publicList(name, "fired");
    }
}
