package dev.statebacked.instances;

import dev.statebacked.messaging.Message;
import dev.statebacked.messaging.MessageHandler;
import dev.statebacked.messaging.MessageQueue;
import dev.statebacked.timers.TimerWakeUps;
import java.time.Duration;

/**
 * The queue worker's side of instances: each kind of message to the processor. A failure is thrown as it is; the
 * worker decides how soon the message is tried again.
 */
public final class InstanceMessages implements MessageHandler {
    private final InstanceProcessor processor;
    private final TimerWakeUps wakeUps;

    public InstanceMessages(InstanceProcessor processor, TimerWakeUps wakeUps) {
        this.processor = processor;
        this.wakeUps = wakeUps;
    }

    @Override
    public void handle(Message message) {
        switch (message) {
            case Message.Event event -> processor.deliver(event);
            case Message.CreateChild create -> processor.createChild(create);
            case Message.TimerWakeUp wakeUp -> wakeUp(wakeUp);
            case Message.Recovery recovery -> processor.recover(recovery);
        }
    }

    @Override
    public void gaveUp(Message message, String reason) {
        processor.logForInstance(
                message.orgId(),
                message.receiver(),
                message.getClass().getSimpleName() + " " + message.id() + " was given up after "
                        + MessageQueue.MAX_RECEIVES + " attempts and moved to the dead-letter queue: " + reason);
    }

    /** Early wake-ups go back on the queue; the last stretch before the due time is waited here. */
    private void wakeUp(Message.TimerWakeUp wakeUp) {
        Duration untilDue = wakeUps.untilDue(wakeUp);
        if (untilDue.compareTo(TimerWakeUps.WAIT_IN_WORKER) > 0) {
            wakeUps.requeue(wakeUp);
            return;
        }
        if (untilDue.isPositive()) {
            try {
                Thread.sleep(untilDue);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for timer " + wakeUp.id(), e);
            }
        }
        processor.fireTimer(wakeUp);
    }
}
