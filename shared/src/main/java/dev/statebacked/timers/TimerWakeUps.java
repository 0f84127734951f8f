package dev.statebacked.timers;

import dev.statebacked.messaging.InstanceAddress;
import dev.statebacked.messaging.Message;
import dev.statebacked.messaging.MessageQueue;
import dev.statebacked.messaging.Messages;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/**
 * Gets an instance woken up when its timers are due. Under 15 minutes a wake-up is a delayed queue message; longer,
 * an EventBridge one-shot schedule that fires early enough for its minute granularity. A wake-up that arrives
 * early is put back with the residual delay, and the last stretch is waited in the worker, so a timer fires within
 * milliseconds of its due time.
 */
public final class TimerWakeUps {
    /** The worker waits out a wake-up this close to its due time instead of queueing it again. */
    public static final Duration WAIT_IN_WORKER = Duration.ofMillis(2_000);
    /** A queue message is asked to arrive this early, so that queue latency only shortens the wait in the worker. */
    private static final Duration QUEUE_LEAD = Duration.ofMillis(1_000);
    /** EventBridge fires within the minute after the schedule's time: schedule this much before the due time. */
    private static final Duration SCHEDULE_LEAD = Duration.ofMinutes(1);

    private final MessageQueue queue;
    private final WakeUpScheduler scheduler;
    private final Clock clock;

    public TimerWakeUps(MessageQueue queue, WakeUpScheduler scheduler, Clock clock) {
        this.queue = queue;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Whether a timer due after {@code delay} is woken by a schedule rather than by a delayed queue message. */
    public static boolean needsSchedule(Duration delay) {
        return delay.compareTo(MessageQueue.MAX_DELAY) >= 0;
    }

    /**
     * Arms the wake-ups of the timers that the write number {@code armedBy} of {@code instance} makes pending: the
     * delayed queue messages in one batch.
     */
    public void arm(String orgId, InstanceAddress instance, long armedBy, List<PendingTimer> timers) {
        wake(orgId, instance, armedBy, timers, PendingTimer::viaSchedule);
    }

    /**
     * Arms again the wake-ups of timers pending at the write number {@code armedBy}, whose first wake-ups may be
     * lost or held back: received by a worker that crashed (then the queue hides them for its visibility timeout),
     * or fired by a schedule into a queue that lost them. A timer due within the queue's reach gets a queue message
     * (at once when overdue), a later one its schedule again (a no-op while the schedule exists). The duplicates this
     * makes are harmless: a wake-up only fires a timer that is still pending, under the instance's lease.
     */
    public void rearm(String orgId, InstanceAddress instance, long armedBy, List<PendingTimer> timers) {
        wake(orgId, instance, armedBy, timers, timer -> needsSchedule(untilDue(timer.dueAtMillis())));
    }

    private void wake(
            String orgId,
            InstanceAddress instance,
            long armedBy,
            List<PendingTimer> timers,
            Predicate<PendingTimer> viaSchedule) {
        List<MessageQueue.Delayed> queued = new ArrayList<>();
        for (PendingTimer timer : timers) {
            Message.TimerWakeUp wakeUp =
                    new Message.TimerWakeUp(timer.timerId(), orgId, instance, timer.dueAtMillis(), armedBy);
            if (viaSchedule.test(timer)) {
                scheduler.scheduleAt(
                        scheduleName(orgId, instance, timer.timerId()),
                        Instant.ofEpochMilli(timer.dueAtMillis()).minus(SCHEDULE_LEAD),
                        Messages.toJson(wakeUp));
            } else {
                queued.add(new MessageQueue.Delayed(wakeUp, queueDelay(wakeUp)));
            }
        }
        if (!queued.isEmpty()) {
            queue.sendDelayed(queued);
        }
    }

    /** Best effort: a wake-up that still comes for a timer no longer pending is dropped anyway. */
    public void disarm(String orgId, InstanceAddress instance, PendingTimer timer) {
        if (timer.viaSchedule()) {
            scheduler.delete(scheduleName(orgId, instance, timer.timerId()));
        }
    }

    /** How long before the wake-up is due; at most {@link #WAIT_IN_WORKER} means: wait it out and fire. */
    public Duration untilDue(Message.TimerWakeUp wakeUp) {
        return untilDue(wakeUp.dueAtMillis());
    }

    private Duration untilDue(long dueAtMillis) {
        return Duration.between(clock.instant(), Instant.ofEpochMilli(dueAtMillis));
    }

    /** Puts an early wake-up back on the queue so that it arrives a little before it is due. */
    public void requeue(Message.TimerWakeUp wakeUp) {
        queue.send(wakeUp, queueDelay(wakeUp));
    }

    /** Holds a wake-up back until a little before it is due, as long as the queue can (then it comes again). */
    private Duration queueDelay(Message.TimerWakeUp wakeUp) {
        Duration delay = untilDue(wakeUp).minus(QUEUE_LEAD);
        if (delay.isNegative()) {
            return Duration.ZERO;
        }
        return delay.compareTo(MessageQueue.MAX_DELAY) > 0 ? MessageQueue.MAX_DELAY : delay;
    }

    /**
     * A deterministic schedule name (so cancelling can delete it): EventBridge allows 64 characters of
     * {@code [0-9a-zA-Z-_.]}, fewer than an org, machine, instance and timer id take, hence a digest.
     */
    public static String scheduleName(String orgId, InstanceAddress instance, String timerId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", orgId, instance.machineName(), instance.instanceName(), timerId)
                            .getBytes(StandardCharsets.UTF_8));
            return "timer-" + HexFormat.of().formatHex(digest, 0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
