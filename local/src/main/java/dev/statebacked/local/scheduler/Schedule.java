package dev.statebacked.local.scheduler;

import java.time.Instant;
import java.util.Map;

/**
 * One schedule as the emulator keeps it. {@code target} and {@code flexibleTimeWindow} are kept as the caller
 * sent them, so that GetSchedule answers with exactly what was created.
 *
 * @param id distinguishes this schedule from an earlier one of the same name, so that a firing that raced
 *     with a delete and re-create does not complete the newcomer
 * @param fireAt the instant that {@code expression} names in {@code timezone}
 * @param fired set once a schedule with {@code ActionAfterCompletion=NONE} has fired: it stays, but never fires again
 */
record Schedule(
        String id,
        String groupName,
        String name,
        String expression,
        String timezone,
        Instant fireAt,
        Map<String, Object> flexibleTimeWindow,
        Map<String, Object> target,
        String actionAfterCompletion,
        String state,
        String description,
        Instant startDate,
        Instant endDate,
        String clientToken,
        Instant creationDate,
        Instant lastModificationDate,
        boolean fired) {

    String key() {
        return key(groupName, name);
    }

    static String key(String groupName, String name) {
        return groupName + "/" + name;
    }

    String arn() {
        return SchedulerArns.schedule(groupName, name);
    }

    boolean dueAt(Instant now) {
        return "ENABLED".equals(state) && !fired && !fireAt.isAfter(now);
    }

    boolean deleteAfterCompletion() {
        return "DELETE".equals(actionAfterCompletion);
    }

    Schedule asFired() {
        return new Schedule(
                id,
                groupName,
                name,
                expression,
                timezone,
                fireAt,
                flexibleTimeWindow,
                target,
                actionAfterCompletion,
                state,
                description,
                startDate,
                endDate,
                clientToken,
                creationDate,
                lastModificationDate,
                true);
    }

    String targetArn() {
        return (String) target.get("Arn");
    }

    String input() {
        return (String) target.get("Input");
    }

    /** For FIFO queues: {@code Target.SqsParameters.MessageGroupId}. */
    String messageGroupId() {
        return target.get("SqsParameters") instanceof Map<?, ?> sqs && sqs.get("MessageGroupId") instanceof String id
                ? id
                : null;
    }
}
