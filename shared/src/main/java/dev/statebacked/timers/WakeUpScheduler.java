package dev.statebacked.timers;

import java.time.Instant;

/** One-shot schedules that put a message on the work queue at a time (EventBridge Scheduler). */
public interface WakeUpScheduler {
    /** Creates the schedule {@code name} to send {@code body} at {@code at}, deleting itself afterwards. Idempotent. */
    void scheduleAt(String name, Instant at, String body);

    /** Deletes the schedule if it still exists. */
    void delete(String name);
}
