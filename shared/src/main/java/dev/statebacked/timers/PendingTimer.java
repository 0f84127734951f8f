package dev.statebacked.timers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.messaging.InstanceAddress;

/**
 * A durable timer as the instance item holds it: the authoritative record that the timer is still due. A wake-up
 * for a timer that is no longer pending (fired, cancelled, state left) is dropped.
 *
 * @param timerId     unique per arming: names its wake-up message and schedule
 * @param sendId      what {@code cancel(id)} names (XState's send id; for {@code after}, the after event's type)
 * @param dueAtMillis epoch millis
 * @param receiver    null: the instance itself; else the instance the event is sent to when the timer fires
 * @param viaSchedule the wake-up is an EventBridge schedule (to delete on cancel), not a delayed queue message
 */
public record PendingTimer(
        String timerId,
        String sendId,
        long dueAtMillis,
        InstanceAddress receiver,
        JsonNode event,
        boolean viaSchedule) {
    public boolean toSelf() {
        return receiver == null;
    }
}
