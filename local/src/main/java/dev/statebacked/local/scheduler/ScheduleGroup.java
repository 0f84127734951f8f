package dev.statebacked.local.scheduler;

import java.time.Instant;

/** A schedule group; {@value #DEFAULT} always exists, as in every AWS account. */
record ScheduleGroup(String name, Instant creationDate, Instant lastModificationDate) {
    static final String DEFAULT = "default";

    String arn() {
        return SchedulerArns.group(name);
    }
}
