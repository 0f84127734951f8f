package dev.statebacked.timers;

import dev.statebacked.api.ServiceProbe;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/** Health of the scheduler: the timers' schedule group exists and answers. */
public final class ScheduleGroupProbe implements ServiceProbe {
    private final SchedulerClient scheduler;
    private final String group;

    public ScheduleGroupProbe(SchedulerClient scheduler, String group) {
        this.scheduler = scheduler;
        this.group = group;
    }

    @Override
    public String name() {
        return "scheduler";
    }

    @Override
    public void check() {
        scheduler.getScheduleGroup(b -> b.name(group));
    }
}
