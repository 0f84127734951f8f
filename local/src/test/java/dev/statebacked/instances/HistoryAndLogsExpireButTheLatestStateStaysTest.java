package dev.statebacked.instances;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.config.AwsClients;
import dev.statebacked.config.Settings;
import dev.statebacked.local.LocalStack;
import dev.statebacked.store.DynamoItemStore;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.Eventually;
import dev.statebacked.testing.InstanceLogs;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.RealtimeClient;
import dev.statebacked.testing.RunningStack;
import dev.statebacked.testing.ShiftableClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention on the local stack, with the DynamoDB emulator's clock moved ahead instead of waiting: an instance's
 * history and logs are deleted once past their retention (30 and 7 days unless set otherwise), while its latest
 * state, its pending timers and what they need stay, and the instance goes on as before.
 */
class HistoryAndLogsExpireButTheLatestStateStaysTest {
    @TempDir
    Path dataDir;

    @Test
    void historyPastItsRetentionIsGoneWhileTheLatestStateAndAPendingTimerStay() {
        ShiftableClock timerClock = new ShiftableClock();
        try (LocalStack stack = start(timerClock, Map.of())) {
            MachineInstances instances = retained(stack);
            String name = freshName("kept");
            instances.created(name, null);
            instances.sent(name, "increment");
            instances.sent(name, "increment");
            instances.sent(name, "wait"); // arms a 60-day timer
            assertThat(instances.history(name)).hasSize(4);

            expireAfter(stack, Duration.ofDays(29));
            assertThat(instances.history(name)).as("within the 30 days").hasSize(4);

            expireAfter(stack, Duration.ofDays(31));
            assertThat(instances.history(name)).as("past the 30 days").isEmpty();
            JsonNode latest = instances.get(name).json();
            assertThat(latest.path("state").asText()).isEqualTo("waiting");
            assertThat(latest.path("publicContext").path("count").asInt()).isEqualTo(2);
            assertThat(instances
                            .admin(name)
                            .json()
                            .path("context")
                            .path("public")
                            .path("count")
                            .asInt())
                    .isEqualTo(2);
            assertThat(storedInstance(stack, instances.machine(), name).timers())
                    .as("the pending timer, in the state item")
                    .hasSize(1);
            assertThat(schedules(stack)).as("its wake-up").hasSize(1);

            // back to now, so that what is written from here on is within its retention again
            stack.dynamoDbClock().reset();
            timerClock.advance(Duration.ofDays(61));
            JsonNode woke = Eventually.poll(
                    Duration.ofSeconds(30),
                    () -> instances.get(name).json(),
                    state -> state.path("publicContext").path("woke").asBoolean());
            assertThat(woke.path("state").asText()).as("the timer fired").isEqualTo("counting");

            assertThat(instances
                            .sent(name, "increment")
                            .path("publicContext")
                            .path("count")
                            .asInt())
                    .isEqualTo(3);
            assertThat(instances.history(name))
                    .extracting(t -> t.path("event").path("type").asText())
                    .as("history again, from the timer on")
                    .endsWith("increment")
                    .hasSize(2);
        }
    }

    @Test
    void logLinesPastTheirSevenDaysAreGoneWhileHistoryStays() {
        try (LocalStack stack = start(new ShiftableClock(), Map.of())) {
            MachineInstances instances = retained(stack);
            String name = freshName("logged");
            instances.created(name, null);
            instances.sent(name, "increment");
            assertThat(Eventually.poll(
                            Duration.ofSeconds(10),
                            () -> InstanceLogs.of(stack, instances.machine(), name),
                            lines -> !lines.isEmpty()))
                    .anySatisfy(line -> assertThat(line).contains("counted 1"));

            expireAfter(stack, Duration.ofDays(6));
            assertThat(InstanceLogs.of(stack, instances.machine(), name))
                    .as("within the 7 days")
                    .isNotEmpty();
            assertThat(Eventually.poll(
                            Duration.ofSeconds(10), () -> logsApiLines(instances), lines -> !lines.isEmpty()))
                    .as("the logs API within the 7 days")
                    .isNotEmpty();

            expireAfter(stack, Duration.ofDays(8));
            assertThat(InstanceLogs.of(stack, instances.machine(), name))
                    .as("past the 7 days")
                    .isEmpty();
            assertThat(logsApiLines(instances))
                    .as("every copy of the lines, past the 7 days")
                    .isEmpty();
            assertThat(instances.history(name)).as("history keeps its 30 days").hasSize(2);
        }
    }

    /** The lines {@code GET /logs} has for the machine since an hour ago. */
    private static List<JsonNode> logsApiLines(MachineInstances instances) {
        ApiClient.Response response = instances
                .client()
                .get("/logs?from=" + Instant.now().minus(Duration.ofHours(1)) + "&machine=" + instances.machine());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> lines = new ArrayList<>();
        response.json().path("logs").forEach(lines::add);
        return lines;
    }

    @Test
    void aShorterRetentionSetForTheStackExpiresSoonerAPageCursorOutlivesItsEntriesAndTheFanOutSkipsTheirRemovals() {
        Map<String, String> oneDay = Map.of(Settings.HISTORY_RETENTION_DAYS, "1");
        try (LocalStack stack = start(new ShiftableClock(), oneDay)) {
            MachineInstances instances = retained(stack);
            String name = freshName("brief");
            instances.created(name, null);
            for (int i = 0; i < 55; i++) {
                instances.sent(name, "increment");
            }
            JsonNode firstPage =
                    instances.client().get(instances.path(name) + "/events").json();
            assertThat(firstPage.path("transitions")).hasSize(50);
            String cursor = firstPage.path("cursor").asText();

            expireAfter(stack, Duration.ofHours(23));
            assertThat(instances.history(name)).as("within the day").hasSize(56);

            expireAfter(stack, Duration.ofHours(25));
            ApiClient.Response rest = instances
                    .client()
                    .get(instances.path(name) + "/events?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            assertThat(rest.status())
                    .as("the next page, its entries gone: %s", rest.body())
                    .isEqualTo(200);
            assertThat(rest.json().path("transitions")).isEmpty();
            assertThat(rest.json().has("cursor")).isFalse();
            assertThat(instances.history(name)).as("past the day").isEmpty();
            assertThat(instances
                            .get(name)
                            .json()
                            .path("publicContext")
                            .path("count")
                            .asInt())
                    .isEqualTo(55);

            // the stream carried a REMOVE of each entry to the real-time fan-out, ahead of the next update: a
            // REMOVE it failed on would hold every later record back, retried, and this update would never come
            stack.dynamoDbClock().reset();
            try (RealtimeClient subscriber =
                    RealtimeClient.connect(stack.apiUrl(), instances.client().token())) {
                subscriber.subscribe(instances.machine(), name, "r1");
                assertThat(subscriber
                                .next(Duration.ofSeconds(10))
                                .path("publicContext")
                                .path("count")
                                .asInt())
                        .isEqualTo(55);
                instances.sent(name, "increment");
                assertThat(subscriber
                                .next(Duration.ofSeconds(10))
                                .path("publicContext")
                                .path("count")
                                .asInt())
                        .isEqualTo(56);
            }
        }
    }

    private LocalStack start(ShiftableClock timerClock, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(RunningStack.FAST_RETRIES);
        all.putAll(settings);
        return LocalStack.start(new LocalStack.Options(0, dataDir, timerClock, all, LocalStack.Functions.inProcess()));
    }

    private static MachineInstances retained(LocalStack stack) {
        ApiClient admin = ApiClient.admin(stack);
        return new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "retained.js"));
    }

    /** The emulator's clock {@code since} ahead of now, and its time to live applied at once. */
    private static void expireAfter(LocalStack stack, Duration since) {
        stack.dynamoDbClock().reset();
        stack.dynamoDbClock().advance(since);
        stack.runDynamoDbMaintenanceNow();
    }

    private static Instance storedInstance(LocalStack stack, String machine, String name) {
        try (AwsClients aws = new AwsClients(stack.apiEnvironment())) {
            Settings settings = Settings.fromEnvironment(stack.apiEnvironment());
            InstanceRepository instances = new InstanceRepository(
                    new DynamoItemStore(aws.dynamoDb(), settings.tableName()), settings.historyRetention());
            return instances.find(stack.credentials().orgId(), machine, name).orElseThrow();
        }
    }

    private static List<?> schedules(LocalStack stack) {
        try (AwsClients aws = new AwsClients(stack.apiEnvironment())) {
            String group = Settings.fromEnvironment(stack.apiEnvironment()).scheduleGroup();
            return aws.scheduler().listSchedules(b -> b.groupName(group)).schedules();
        }
    }
}
