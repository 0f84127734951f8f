package dev.statebacked.timers;

import dev.statebacked.config.AwsClients;
import dev.statebacked.config.Settings;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;

/** {@link WakeUpScheduler} on EventBridge Scheduler: {@code at(...)} schedules in one group, targeting the work queue. */
public final class EventBridgeWakeUpScheduler implements WakeUpScheduler {
    private static final DateTimeFormatter AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private final SchedulerClient scheduler;
    private final String group;
    private final String queueArn;
    private final String roleArn;

    public EventBridgeWakeUpScheduler(SchedulerClient scheduler, String group, String queueArn, String roleArn) {
        this.scheduler = scheduler;
        this.group = group;
        this.queueArn = queueArn;
        this.roleArn = roleArn;
    }

    /** In the stack's schedule group, targeting its work queue, as {@code settings} name them. */
    public static EventBridgeWakeUpScheduler of(AwsClients aws, Settings settings) {
        return new EventBridgeWakeUpScheduler(
                aws.scheduler(), settings.scheduleGroup(), settings.queueArn(), settings.schedulerRoleArn());
    }

    @Override
    public void scheduleAt(String name, Instant at, String body) {
        try {
            scheduler.createSchedule(b -> b.groupName(group)
                    .name(name)
                    .scheduleExpression("at(" + AT.format(at.truncatedTo(ChronoUnit.SECONDS)) + ")")
                    .scheduleExpressionTimezone("UTC")
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .actionAfterCompletion(ActionAfterCompletion.DELETE)
                    .target(t -> t.arn(queueArn).roleArn(roleArn).input(body)));
        } catch (ConflictException exists) {
            // the same timer armed again (a retried write): its schedule is already there
        }
    }

    @Override
    public void delete(String name) {
        try {
            scheduler.deleteSchedule(b -> b.groupName(group).name(name));
        } catch (ResourceNotFoundException gone) {
            // fired already, or never created: nothing to cancel
        }
    }
}
