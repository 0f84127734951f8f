package dev.statebacked.local.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.statebacked.local.sqs.SqsEmulator;
import dev.statebacked.local.sqs.TestClients;
import dev.statebacked.testing.ManualClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ValidationException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class SchedulerEmulatorTest {
    private static final Instant START = Instant.parse("2030-01-15T10:00:00Z");
    /** at() wants the seconds even when they are zero, which LocalDateTime.toString() leaves out. */
    private static final DateTimeFormatter AT_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:000000000000:timers";

    @TempDir
    Path dataDir;

    private SqsEmulator sqsEmulator;
    private SqsClient sqs;
    private String queueUrl;
    private SchedulerEmulator scheduler;
    private SchedulerClient client;

    @BeforeEach
    void startSqs() {
        sqsEmulator = SqsEmulator.start(dataDir.resolve("sqs"), 0);
        sqs = TestClients.sqs(sqsEmulator.endpoint());
        queueUrl = sqs.createQueue(b -> b.queueName("timers")).queueUrl();
    }

    @AfterEach
    void stopAll() {
        stopScheduler();
        sqs.close();
        sqsEmulator.close();
    }

    @Test
    void aScheduleFiresIntoTheQueueWithinOneSecondOfItsTimeAndIsThenDeleted() {
        startScheduler(Clock.systemUTC());
        Instant fireAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
        client.createSchedule(
                oneShot("wake-1", fireAt, "{\"timer\":1}", b -> b.actionAfterCompletion(ActionAfterCompletion.DELETE)));

        Message message = receiveOne(Duration.ofSeconds(5));
        Instant receivedAt = Instant.now();

        assertThat(message.body()).isEqualTo("{\"timer\":1}");
        assertThat(receivedAt).isBetween(fireAt, fireAt.plusSeconds(1));
        awaitGone("wake-1");
    }

    @Test
    void aScheduleTwentyMinutesAheadFiresWhenTheInjectableClockIsAdvancedWithoutWaiting() {
        ManualClock clock = new ManualClock(START);
        startScheduler(clock);
        client.createSchedule(oneShot(
                "in-twenty-minutes",
                START.plus(Duration.ofMinutes(20)),
                "later",
                b -> b.actionAfterCompletion(ActionAfterCompletion.DELETE)));

        clock.advance(Duration.ofMinutes(20).minusSeconds(1));
        assertThat(scheduler.fireDueSchedules()).isZero();
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl)).messages()).isEmpty();

        long before = System.nanoTime();
        clock.advance(Duration.ofSeconds(1));
        Message message = receiveOne(Duration.ofSeconds(2));

        assertThat(message.body()).isEqualTo("later");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
        awaitGone("in-twenty-minutes");
    }

    @Test
    void schedulesSurviveARestart() {
        ManualClock clock = new ManualClock(START);
        startScheduler(clock);
        client.createScheduleGroup(b -> b.name("timers"));
        client.createSchedule(oneShot(
                "kept",
                START.plus(Duration.ofHours(1)),
                "after restart",
                b -> b.groupName("timers")
                        .actionAfterCompletion(ActionAfterCompletion.NONE)
                        .description("survives")));
        GetScheduleResponse before = client.getSchedule(b -> b.name("kept").groupName("timers"));
        stopScheduler();

        startScheduler(clock);
        GetScheduleResponse after = client.getSchedule(b -> b.name("kept").groupName("timers"));
        // every member alike (the responses themselves differ in their request ids)
        assertThat(after).hasToString(before.toString());
        assertThat(after.target().input()).isEqualTo("after restart");
        assertThat(after.arn()).isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule/timers/kept");
        assertThat(client.getScheduleGroup(b -> b.name("timers")).stateAsString())
                .isEqualTo("ACTIVE");

        clock.advance(Duration.ofHours(1));
        assertThat(receiveOne(Duration.ofSeconds(2)).body()).isEqualTo("after restart");
        // ActionAfterCompletion NONE: the schedule stays, and a one-time schedule does not fire twice
        assertThat(client.getSchedule(b -> b.name("kept").groupName("timers")).state())
                .isEqualTo(ScheduleState.ENABLED);
        clock.advance(Duration.ofHours(1));
        assertThat(scheduler.fireDueSchedules()).isZero();
    }

    @Test
    void aScheduleWhoseTimePassedWhileTheStackWasDownFiresRightAfterStart() {
        ManualClock clock = new ManualClock(START);
        startScheduler(clock);
        client.createSchedule(oneShot(
                "missed",
                START.plus(Duration.ofMinutes(30)),
                "missed while down",
                b -> b.actionAfterCompletion(ActionAfterCompletion.DELETE)));
        stopScheduler();

        clock.advance(Duration.ofHours(2));
        startScheduler(clock);

        assertThat(receiveOne(Duration.ofSeconds(2)).body()).isEqualTo("missed while down");
        awaitGone("missed");
    }

    @Test
    void theExpressionIsReadInItsTimeZone() {
        ManualClock clock = new ManualClock(START);
        startScheduler(clock);
        ZoneId newYork = ZoneId.of("America/New_York");
        LocalDateTime localTime = LocalDateTime.ofInstant(START.plus(Duration.ofHours(1)), newYork);
        client.createSchedule(b -> b.name("in-new-york")
                .scheduleExpression("at(" + AT_FORMAT.format(localTime) + ")")
                .scheduleExpressionTimezone(newYork.getId())
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(QUEUE_ARN)
                        .roleArn("arn:aws:iam::000000000000:role/scheduler")
                        .input("ny")));

        clock.advance(Duration.ofMinutes(59));
        assertThat(scheduler.fireDueSchedules()).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(scheduler.fireDueSchedules()).isOne();
        assertThat(receiveOne(Duration.ofSeconds(1)).body()).isEqualTo("ny");
    }

    @Test
    void aDuplicateCreateScheduleGivesConflictException() {
        startScheduler(new ManualClock(START));
        CreateScheduleRequest first = oneShot("twice", START.plusSeconds(60), "x", b -> b.clientToken("token-1"));
        String arn = client.createSchedule(first).scheduleArn();

        // the SDK's retry of the same request carries the same token: answered as the first time
        assertThat(client.createSchedule(first).scheduleArn()).isEqualTo(arn);
        assertThatThrownBy(() -> client.createSchedule(
                        oneShot("twice", START.plusSeconds(60), "x", b -> b.clientToken("token-2"))))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void unknownSchedulesAndGroupsGiveResourceNotFound() {
        startScheduler(new ManualClock(START));
        assertThatThrownBy(() -> client.getSchedule(b -> b.name("nope"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.deleteSchedule(b -> b.name("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.getScheduleGroup(b -> b.name("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(
                        () -> client.createSchedule(oneShot("s", START.plusSeconds(60), "x", b -> b.groupName("nope"))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void requestsOutsideTheSupportedSubsetGiveValidationException() {
        startScheduler(new ManualClock(START));
        assertThatThrownBy(() ->
                        client.createSchedule(oneShot("s", START, "x", b -> b.scheduleExpression("rate(5 minutes)"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at(");
        assertThatThrownBy(() -> client.createSchedule(oneShot(
                        "s",
                        START,
                        "x",
                        b -> b.target(t -> t.arn("arn:aws:lambda:us-east-1:000000000000:function:f")
                                .roleArn("r")))))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> client.createSchedule(
                        oneShot("s", START, "x", b -> b.scheduleExpressionTimezone("Mars/Olympus"))))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> client.createSchedule(oneShot("bad name!", START, "x", b -> {})))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> client.deleteScheduleGroup(b -> b.name("default")))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void scheduleGroupsAreCreatedReadAndDeletedWithTheirSchedules() {
        startScheduler(new ManualClock(START));
        String arn = client.createScheduleGroup(b -> b.name("timers")).scheduleGroupArn();
        assertThat(arn).isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule-group/timers");
        assertThatThrownBy(() -> client.createScheduleGroup(b -> b.name("timers")))
                .isInstanceOf(ConflictException.class);
        assertThat(client.getScheduleGroup(b -> b.name("default")).name()).isEqualTo("default");
        client.createSchedule(oneShot("in-group", START.plusSeconds(60), "x", b -> b.groupName("timers")));

        client.deleteScheduleGroup(b -> b.name("timers"));

        assertThatThrownBy(() -> client.getScheduleGroup(b -> b.name("timers")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(scheduler.scheduleKeys()).isEmpty();
    }

    @Test
    void deleteScheduleCancelsIt() {
        ManualClock clock = new ManualClock(START);
        startScheduler(clock);
        client.createSchedule(oneShot("cancelled", START.plusSeconds(60), "never", b -> {}));
        assertThat(client.listSchedules(b -> b.namePrefix("cancel")).schedules())
                .extracting(s -> s.name())
                .containsExactly("cancelled");

        client.deleteSchedule(b -> b.name("cancelled"));
        clock.advance(Duration.ofMinutes(5));

        assertThat(scheduler.fireDueSchedules()).isZero();
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl)).messages()).isEmpty();
    }

    private void startScheduler(Clock clock) {
        scheduler = SchedulerEmulator.start(dataDir.resolve("scheduler"), 0, sqsEmulator.endpoint(), clock);
        client = TestClients.scheduler(scheduler.endpoint());
    }

    private void stopScheduler() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (scheduler != null) {
            scheduler.close();
            scheduler = null;
        }
    }

    private static CreateScheduleRequest oneShot(
            String name, Instant fireAt, String input, Consumer<CreateScheduleRequest.Builder> more) {
        CreateScheduleRequest.Builder builder = CreateScheduleRequest.builder()
                .name(name)
                .scheduleExpression("at(" + AT_FORMAT.format(LocalDateTime.ofInstant(fireAt, ZoneOffset.UTC)) + ")")
                .scheduleExpressionTimezone("UTC")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(QUEUE_ARN)
                        .roleArn("arn:aws:iam::000000000000:role/scheduler")
                        .input(input));
        more.accept(builder);
        return builder.build();
    }

    private Message receiveOne(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> messages = sqs.receiveMessage(
                            b -> b.queueUrl(queueUrl).waitTimeSeconds(1))
                    .messages();
            if (!messages.isEmpty()) {
                assertThat(messages).hasSize(1);
                return messages.getFirst();
            }
        }
        throw new AssertionError("no message within " + limit);
    }

    private void awaitGone(String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (true) {
            try {
                client.getSchedule(b -> b.name(name));
            } catch (ResourceNotFoundException e) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("schedule " + name + " still exists");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
