package dev.statebacked.timers;

import dev.statebacked.messaging.InMemoryMessageQueue;
import dev.statebacked.messaging.Message;
import dev.statebacked.messaging.Messages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@link WakeUpScheduler} in memory, for unit tests: one-shot schedules as {@link EventBridgeWakeUpScheduler} keeps
 * them on EventBridge Scheduler, against a clock the test moves (a {@code ManualClock}).
 *
 * <ul>
 *   <li>A schedule is named by EventBridge's rules (1 to 64 of {@code [0-9a-zA-Z-_.]}) and due at its time in whole
 *   seconds (the fraction dropped, as the {@code at(...)} expression does).</li>
 *   <li>Creating a schedule whose name exists already leaves the existing one as it is.</li>
 *   <li>Deleting one that does not exist (fired, or never created) does nothing.</li>
 *   <li>A schedule fires once, at or after its time, and is then deleted ({@code ActionAfterCompletion=DELETE});
 *   one created already due fires at the next {@link #takeDue}.</li>
 * </ul>
 *
 * <p>Tests take the due schedules with {@link #takeDue}, or put their bodies on the work queue as the schedules'
 * target does with {@link #fireDue}.
 */
public final class InMemoryWakeUpScheduler implements WakeUpScheduler {
    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z\\-_.]{1,64}");

    private final Clock clock;
    private final Map<String, Schedule> schedules = new LinkedHashMap<>();
    private final List<String> deleted = new ArrayList<>();
    private Consumer<Schedule> beforeNextSchedule;

    public InMemoryWakeUpScheduler(Clock clock) {
        this.clock = clock;
    }

    /** One schedule: it sends {@code body} to the work queue at {@code at}. */
    public record Schedule(String name, Instant at, String body, Instant createdAt) {
        /** The message the schedule sends; throws {@link Messages.MalformedMessageException} for a body that is none. */
        public Message message() {
            return Messages.parse(body);
        }
    }

    /** By time; schedules of the same second in the order they were created (the map keeps it, the sort is stable). */
    private static final Comparator<Schedule> DUE_ORDER = Comparator.comparing(Schedule::at);

    // ---------------------------------------------------------------- the port

    @Override
    public void scheduleAt(String name, Instant at, String body) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "EventBridge names a schedule with 1 to 64 of [0-9a-zA-Z-_.], not " + name);
        }
        Schedule schedule = new Schedule(name, at.truncatedTo(ChronoUnit.SECONDS), body, clock.instant());
        Consumer<Schedule> hook;
        synchronized (this) {
            hook = beforeNextSchedule;
            beforeNextSchedule = null;
        }
        if (hook != null) {
            hook.accept(schedule);
        }
        synchronized (this) {
            schedules.putIfAbsent(name, schedule);
        }
    }

    @Override
    public synchronized void delete(String name) {
        if (schedules.remove(name) != null) {
            deleted.add(name);
        }
    }

    // ---------------------------------------------------------------- what tests do with it

    /** The schedules due now (their time at or before the clock's), earliest first: fired, and so deleted. */
    public synchronized List<Schedule> takeDue() {
        Instant now = clock.instant();
        List<Schedule> due = schedules.values().stream()
                .filter(s -> !s.at().isAfter(now))
                .sorted(DUE_ORDER)
                .toList();
        due.forEach(s -> schedules.remove(s.name()));
        return due;
    }

    /** Fires the due schedules ({@link #takeDue}) into {@code queue}: each body, as it is, visible at once. */
    public List<Schedule> fireDue(InMemoryMessageQueue queue) {
        List<Schedule> due = takeDue();
        due.forEach(s -> queue.sendBody(s.body(), Duration.ZERO));
        return due;
    }

    /** The schedule {@code name}, if it exists (neither fired nor deleted). */
    public synchronized Optional<Schedule> schedule(String name) {
        return Optional.ofNullable(schedules.get(name));
    }

    /** Every existing schedule, earliest first. */
    public synchronized List<Schedule> schedules() {
        return schedules.values().stream().sorted(DUE_ORDER).toList();
    }

    /** The time of the earliest schedule; empty when there is none. */
    public synchronized Optional<Instant> nextDueAt() {
        return schedules.values().stream().map(Schedule::at).min(Comparator.naturalOrder());
    }

    /** The names of the schedules that {@link #delete} removed (not those that fired), in order. */
    public synchronized List<String> deleted() {
        return List.copyOf(deleted);
    }

    /**
     * Runs {@code hook} once, on the calling thread, with the schedule the next {@code scheduleAt} would create (or
     * find existing): a hook that throws makes that call fail with nothing created.
     */
    public synchronized void beforeNextSchedule(Consumer<Schedule> hook) {
        beforeNextSchedule = hook;
    }
}
