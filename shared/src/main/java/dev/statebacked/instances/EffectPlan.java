package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.engine.Effect;
import dev.statebacked.engine.SendTarget;
import dev.statebacked.engine.Transition;
import dev.statebacked.json.Json;
import dev.statebacked.messaging.InstanceAddress;
import dev.statebacked.messaging.Message;
import dev.statebacked.timers.PendingTimer;
import dev.statebacked.timers.TimerWakeUps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What a transition's host effects do to an instance's durable side, computed without I/O: the pending timers
 * after it (armed and cancelled in the order the transition lists them), and the messages to other instances
 * (its outbox). The processor writes both with the transition, arms the new wake-ups before that write (a wake-up
 * without its pending timer is dropped) and sends the outbox after it.
 *
 * @param timers   the instance's pending timers after the transition
 * @param armed    timers this transition armed and did not cancel again
 * @param disarmed pending timers this transition cancelled
 * @param outbox   messages to other instances, in order
 * @param warnings effects that cannot be carried out (a send to no parent, say), for the instance's log
 */
record EffectPlan(
        List<PendingTimer> timers,
        List<PendingTimer> armed,
        List<PendingTimer> disarmed,
        List<Message> outbox,
        List<String> warnings) {
    static final String DONE_INVOKE = "done.invoke.";

    static EffectPlan of(Instance before, Transition transition, Instant now) {
        return of(before, transition, now, () -> UUID.randomUUID().toString());
    }

    static EffectPlan of(Instance before, Transition transition, Instant now, Supplier<String> ids) {
        Builder plan = new Builder(before, ids);
        for (Effect effect : transition.hostEffects()) {
            switch (effect) {
                case Effect.DelayedSend send -> plan.arm(send, now);
                case Effect.CancelDelayedSend cancel -> plan.cancel(cancel.sendId());
                case Effect.Send send ->
                    plan.receiverOf(send.target(), "send(" + type(send.event()) + ")")
                            .ifPresent(to -> plan.send(to, send.event()));
                case Effect.StartPersistentChild child -> plan.createChild(child);
                case Effect.StopPersistentChild stopped -> {
                    // the child instance lives on; the parent simply stops listening for its done event
                }
                default -> throw new IllegalStateException("not a host effect: " + effect);
            }
        }
        if (transition.state().done() && !before.state().done()) {
            before.parent()
                    .ifPresent(parent -> plan.outbox.add(new Message.Event(
                            ids.get(),
                            before.orgId(),
                            parent.address(),
                            plan.self,
                            doneEvent(parent.childId(), transition.doneData()))));
        }
        return new EffectPlan(plan.timers, plan.armed, plan.disarmed, plan.outbox, plan.warnings);
    }

    /** XState's {@code done.invoke.<id>} with the child's done data. */
    static JsonNode doneEvent(String childId, JsonNode doneData) {
        ObjectNode event = Json.MAPPER.createObjectNode().put("type", DONE_INVOKE + childId);
        if (doneData != null) {
            event.set("data", doneData);
        }
        return event;
    }

    private static String type(JsonNode event) {
        return event.path("type").asText("?");
    }

    private static final class Builder {
        private final Instance instance;
        private final InstanceAddress self;
        private final Supplier<String> ids;
        private final List<PendingTimer> timers;
        private final List<PendingTimer> armed = new ArrayList<>();
        private final List<PendingTimer> disarmed = new ArrayList<>();
        private final List<Message> outbox = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        Builder(Instance instance, Supplier<String> ids) {
            this.instance = instance;
            this.self = instance.address();
            this.ids = ids;
            this.timers = new ArrayList<>(instance.timers());
        }

        void arm(Effect.DelayedSend send, Instant now) {
            InstanceAddress receiver = null; // the instance itself
            if (!(send.target() instanceof SendTarget.Self)) {
                Optional<InstanceAddress> other = receiverOf(send.target(), "delayed send(" + type(send.event()) + ")");
                if (other.isEmpty()) {
                    return;
                }
                receiver = other.get();
            }
            Duration delay = Duration.ofMillis(send.delayMs());
            PendingTimer timer = new PendingTimer(
                    ids.get(),
                    send.sendId(),
                    now.plus(delay).toEpochMilli(),
                    receiver,
                    send.event(),
                    TimerWakeUps.needsSchedule(delay));
            timers.add(timer);
            armed.add(timer);
        }

        void cancel(String sendId) {
            for (PendingTimer timer : List.copyOf(timers)) {
                if (timer.sendId().equals(sendId)) {
                    timers.remove(timer);
                    if (!armed.remove(timer)) {
                        disarmed.add(timer);
                    }
                }
            }
        }

        void send(InstanceAddress to, JsonNode event) {
            Message.Event message = new Message.Event(ids.get(), instance.orgId(), to, self, event);
            for (int i = 0; i < outbox.size(); i++) {
                // a child created by this very transition gets its events with its creation, so none overtakes it
                if (outbox.get(i) instanceof Message.CreateChild create
                        && create.receiver().equals(to)) {
                    outbox.set(i, create.followedBy(message));
                    return;
                }
            }
            outbox.add(message);
        }

        void createChild(Effect.StartPersistentChild child) {
            outbox.add(new Message.CreateChild(
                    ids.get(),
                    instance.orgId(),
                    new InstanceAddress(child.machineName(), child.machineInstanceName()),
                    child.machineVersionId(),
                    child.context() == null || child.context().isNull()
                            ? Json.MAPPER.createObjectNode()
                            : child.context(),
                    new Message.ParentLink(self, child.childId(), child.origin()),
                    List.of()));
        }

        /** Another instance a target names, or a warning when it names none. */
        Optional<InstanceAddress> receiverOf(SendTarget target, String what) {
            switch (target) {
                case SendTarget.Parent parent -> {
                    if (instance.parent().isPresent()) {
                        return Optional.of(instance.parent().get().address());
                    }
                    warnings.add(what + " to the parent was dropped: this instance has no parent");
                }
                case SendTarget.PersistentChild child -> {
                    return Optional.of(new InstanceAddress(child.machineName(), child.machineInstanceName()));
                }
                case SendTarget.EphemeralChild child ->
                    warnings.add(what + " to ephemeral child '" + child.childId() + "' was dropped: ephemeral children"
                            + " live only while the instance settles, durable timers cannot reach them");
                case SendTarget.Self self -> warnings.add(what + " to self is not a host effect");
            }
            return Optional.empty();
        }
    }
}
