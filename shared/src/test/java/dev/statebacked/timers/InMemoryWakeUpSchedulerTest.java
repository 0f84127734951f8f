package dev.statebacked.timers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.statebacked.json.Json;
import dev.statebacked.messaging.InMemoryMessageQueue;
import dev.statebacked.messaging.InstanceAddress;
import dev.statebacked.messaging.Message;
import dev.statebacked.messaging.Messages;
import dev.statebacked.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryWakeUpSchedulerTest {
    private static final InstanceAddress INSTANCE = new InstanceAddress("machine", "instance");
    private final ManualClock clock = new ManualClock();
    private final InMemoryWakeUpScheduler scheduler = new InMemoryWakeUpScheduler(clock);

    private Instant in(Duration delay) {
        return clock.instant().plus(delay);
    }

    @Test
    void aScheduleFiresOnceAtItsTimeAndIsThenGone() {
        scheduler.scheduleAt("later", in(Duration.ofMinutes(30)), "{\"b\":2}");
        scheduler.scheduleAt("sooner", in(Duration.ofMinutes(20)), "{\"a\":1}");

        clock.advance(Duration.ofMinutes(20).minusMillis(1));
        assertThat(scheduler.takeDue()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(scheduler.takeDue())
                .extracting(InMemoryWakeUpScheduler.Schedule::name)
                .containsExactly("sooner");
        assertThat(scheduler.takeDue()).isEmpty();
        assertThat(scheduler.schedule("sooner")).isEmpty();
        assertThat(scheduler.nextDueAt()).hasValue(in(Duration.ofMinutes(10)));

        clock.advance(Duration.ofHours(1));
        assertThat(scheduler.takeDue()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("later");
            assertThat(s.body()).isEqualTo("{\"b\":2}");
        });
        assertThat(scheduler.schedules()).isEmpty();
    }

    @Test
    void aScheduleCreatedAlreadyDueFiresAtTheNextTake() {
        scheduler.scheduleAt("past", clock.instant().minusSeconds(90), "{}");

        assertThat(scheduler.takeDue())
                .extracting(InMemoryWakeUpScheduler.Schedule::name)
                .containsExactly("past");
    }

    @Test
    void itsTimeIsInWholeSeconds() {
        Instant at = Instant.parse("2030-01-01T00:20:00.900Z");
        scheduler.scheduleAt("s", at, "{}");

        assertThat(scheduler.schedule("s"))
                .map(InMemoryWakeUpScheduler.Schedule::at)
                .hasValue(Instant.parse("2030-01-01T00:20:00Z"));
        clock.advanceTo(Instant.parse("2030-01-01T00:20:00Z"));
        assertThat(scheduler.takeDue()).hasSize(1);
    }

    @Test
    void creatingAScheduleAgainByItsNameKeepsTheFirst() {
        scheduler.scheduleAt("same", in(Duration.ofMinutes(20)), "{\"first\":true}");
        scheduler.scheduleAt("same", in(Duration.ofMinutes(40)), "{\"second\":true}");

        assertThat(scheduler.schedules()).singleElement().satisfies(s -> {
            assertThat(s.at()).isEqualTo(in(Duration.ofMinutes(20)));
            assertThat(s.body()).isEqualTo("{\"first\":true}");
        });
    }

    @Test
    void aDeletedScheduleNeverFiresAndDeletingOneThatIsNotThereIsFine() {
        scheduler.scheduleAt("cancelled", in(Duration.ofMinutes(20)), "{}");
        scheduler.delete("cancelled");
        scheduler.delete("never-created");

        clock.advance(Duration.ofHours(1));
        assertThat(scheduler.takeDue()).isEmpty();
        assertThat(scheduler.deleted()).containsExactly("cancelled");

        scheduler.scheduleAt("cancelled", in(Duration.ofMinutes(1)), "{\"again\":true}");
        assertThat(scheduler.schedule("cancelled"))
                .map(InMemoryWakeUpScheduler.Schedule::body)
                .hasValue("{\"again\":true}");
    }

    @Test
    void aNameOutsideEventBridgesRulesIsRefused() {
        assertThatThrownBy(() -> scheduler.scheduleAt("has space", in(Duration.ofMinutes(20)), "{}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scheduler.scheduleAt("x".repeat(65), in(Duration.ofMinutes(20)), "{}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scheduler.scheduleAt("", in(Duration.ofMinutes(20)), "{}"))
                .isInstanceOf(IllegalArgumentException.class);
        scheduler.scheduleAt("x".repeat(64), in(Duration.ofMinutes(20)), "{}");
        assertThat(scheduler.schedules()).hasSize(1);
    }

    @Test
    void aFiredScheduleDeliversItsBodyToTheQueueAtOnce() {
        InMemoryMessageQueue queue = new InMemoryMessageQueue(clock);
        Message wakeUp = new Message.TimerWakeUp(
                "timer-1", "org", INSTANCE, in(Duration.ofMinutes(21)).toEpochMilli(), 3);
        scheduler.scheduleAt("wake", in(Duration.ofMinutes(20)), Messages.toJson(wakeUp));

        assertThat(scheduler.fireDue(queue)).isEmpty();
        clock.advance(Duration.ofMinutes(20));
        assertThat(scheduler.fireDue(queue))
                .extracting(InMemoryWakeUpScheduler.Schedule::message)
                .containsExactly(wakeUp);
        assertThat(queue.takeDue()).containsExactly(wakeUp);
    }

    @Test
    void timerWakeUpsScheduleLongTimersQueueShortOnesAndDeleteTheScheduleOnDisarm() {
        InMemoryMessageQueue queue = new InMemoryMessageQueue(clock);
        TimerWakeUps wakeUps = new TimerWakeUps(queue, scheduler, clock);
        long dueLong = in(Duration.ofMinutes(20)).toEpochMilli();
        long dueShort = in(Duration.ofSeconds(5)).toEpochMilli();
        PendingTimer longTimer =
                new PendingTimer("t-long", "after-20m", dueLong, null, Json.MAPPER.createObjectNode(), true);
        PendingTimer shortTimer =
                new PendingTimer("t-short", "after-5s", dueShort, null, Json.MAPPER.createObjectNode(), false);

        wakeUps.arm("org", INSTANCE, 4, List.of(longTimer, shortTimer));

        String name = TimerWakeUps.scheduleName("org", INSTANCE, "t-long");
        assertThat(scheduler.schedule(name)).hasValueSatisfying(s -> {
            assertThat(s.at()).isEqualTo(Instant.ofEpochMilli(dueLong).minus(Duration.ofMinutes(1)));
            assertThat(s.message()).isEqualTo(new Message.TimerWakeUp("t-long", "org", INSTANCE, dueLong, 4));
        });
        assertThat(queue.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.message()).isEqualTo(new Message.TimerWakeUp("t-short", "org", INSTANCE, dueShort, 4));
            assertThat(sent.visibleAt()).isEqualTo(in(Duration.ofSeconds(4)));
        });

        wakeUps.arm("org", INSTANCE, 4, List.of(longTimer));
        assertThat(scheduler.schedules()).as("armed again: the same schedule").hasSize(1);

        wakeUps.disarm("org", INSTANCE, longTimer);
        assertThat(scheduler.schedules()).isEmpty();
        assertThat(scheduler.deleted()).containsExactly(name);
    }

    @Test
    void aScheduleThatFailsToBeCreatedIsNotThere() {
        scheduler.beforeNextSchedule(schedule -> {
            throw new IllegalStateException("EventBridge is down");
        });

        assertThatThrownBy(() -> scheduler.scheduleAt("s", in(Duration.ofMinutes(20)), "{}"))
                .hasMessage("EventBridge is down");
        assertThat(scheduler.schedules()).isEmpty();
        scheduler.scheduleAt("s", in(Duration.ofMinutes(20)), "{}");
        assertThat(scheduler.schedules()).hasSize(1);
    }
}
