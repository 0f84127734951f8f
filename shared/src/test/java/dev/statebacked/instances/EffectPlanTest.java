package dev.statebacked.instances;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.engine.ChildRef;
import dev.statebacked.engine.Effect;
import dev.statebacked.engine.PersistedState;
import dev.statebacked.engine.SendTarget;
import dev.statebacked.engine.Transition;
import dev.statebacked.json.Json;
import dev.statebacked.messaging.InstanceAddress;
import dev.statebacked.messaging.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The durable side of a transition, as a pure function of the instance and the transition's host effects. */
class EffectPlanTest {
    private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");
    private static final JsonNode PING = Json.MAPPER.createObjectNode().put("type", "ping");

    @Test
    void aDelayedSendBecomesAPendingTimerDueAfterItsDelay() {
        EffectPlan plan = plan(instance(), new Effect.DelayedSend("t", new SendTarget.Self(), PING, 1500));

        assertThat(plan.timers()).singleElement().satisfies(timer -> {
            assertThat(timer.dueAtMillis()).isEqualTo(NOW.plusMillis(1500).toEpochMilli());
            assertThat(timer.toSelf()).isTrue();
            assertThat(timer.viaSchedule()).isFalse();
        });
        assertThat(plan.armed()).isEqualTo(plan.timers());
    }

    @Test
    void aTimerOfFifteenMinutesOrMoreIsWokenByASchedule() {
        EffectPlan plan = plan(
                instance(),
                new Effect.DelayedSend(
                        "t", new SendTarget.Self(), PING, Duration.ofMinutes(15).toMillis()));

        assertThat(plan.timers())
                .singleElement()
                .satisfies(timer -> assertThat(timer.viaSchedule()).isTrue());
    }

    @Test
    void aTimerArmedAndCancelledByOneTransitionIsNeverArmed() {
        EffectPlan plan = plan(
                instance(),
                new Effect.DelayedSend("t", new SendTarget.Self(), PING, 1000),
                new Effect.CancelDelayedSend("t"));

        assertThat(plan.timers()).isEmpty();
        assertThat(plan.armed()).isEmpty();
        assertThat(plan.disarmed()).isEmpty();
    }

    @Test
    void cancellingRemovesEveryPendingTimerOfThatSendIdAndOnlyThose() {
        Instance armed = instance();
        EffectPlan first = plan(
                armed,
                new Effect.DelayedSend("a", new SendTarget.Self(), PING, 1000),
                new Effect.DelayedSend("a", new SendTarget.Self(), PING, 2000),
                new Effect.DelayedSend("b", new SendTarget.Self(), PING, 3000));
        Instance withTimers = armed.withTimers(first.timers());

        EffectPlan second = plan(withTimers, new Effect.CancelDelayedSend("a"));

        assertThat(second.timers()).extracting(t -> t.sendId()).containsExactly("b");
        assertThat(second.disarmed()).extracting(t -> t.sendId()).containsExactly("a", "a");
    }

    @Test
    void eventsToAChildCreatedByTheSameTransitionTravelWithItsCreation() {
        EffectPlan plan = plan(
                instance(),
                new Effect.StartPersistentChild("child", ChildRef.Origin.INVOKE, "kid", "k1", null, null),
                new Effect.Send(new SendTarget.PersistentChild("child", "kid", "k1", null), PING),
                new Effect.Send(new SendTarget.PersistentChild("other", "kid", "k2", null), PING));

        assertThat(plan.outbox()).hasSize(2);
        assertThat(plan.outbox().getFirst()).isInstanceOfSatisfying(Message.CreateChild.class, create -> {
            assertThat(create.receiver()).isEqualTo(new InstanceAddress("kid", "k1"));
            assertThat(create.context().isObject())
                    .as("no data: an empty context")
                    .isTrue();
            assertThat(create.then())
                    .singleElement()
                    .satisfies(e -> assertThat(e.event()).isEqualTo(PING));
        });
        assertThat(plan.outbox().get(1)).isInstanceOf(Message.Event.class);
    }

    @Test
    void aSendToTheParentOfAnInstanceWithoutOneIsAWarningNotAMessage() {
        EffectPlan plan = plan(instance(), new Effect.Send(new SendTarget.Parent(), PING));

        assertThat(plan.outbox()).isEmpty();
        assertThat(plan.warnings()).singleElement().asString().contains("no parent");
    }

    @Test
    void aChildReachingItsFinalStateAnswersItsParentWithDoneInvokeAndItsData() {
        Instance child = Instance.created(
                "org",
                "kid",
                "k1",
                "v1",
                state(false),
                NOW,
                Optional.of(new Message.ParentLink(new InstanceAddress("mom", "m1"), "child", ChildRef.Origin.INVOKE)));
        JsonNode data = Json.MAPPER.createObjectNode().put("result", "ok");

        EffectPlan plan = EffectPlan.of(child, new Transition(state(true), List.of(), data), NOW, ids());

        assertThat(plan.outbox()).singleElement().isInstanceOfSatisfying(Message.Event.class, done -> {
            assertThat(done.receiver()).isEqualTo(new InstanceAddress("mom", "m1"));
            assertThat(done.sender()).isEqualTo(new InstanceAddress("kid", "k1"));
            assertThat(done.event().path("type").asText()).isEqualTo("done.invoke.child");
            assertThat(done.event().path("data")).isEqualTo(data);
        });
    }

    private static EffectPlan plan(Instance before, Effect... effects) {
        return EffectPlan.of(before, new Transition(before.state(), List.of(effects), null), NOW, ids());
    }

    private static Supplier<String> ids() {
        AtomicInteger next = new AtomicInteger();
        return () -> "id-" + next.incrementAndGet();
    }

    private static Instance instance() {
        return Instance.created("org", "m", "i1", "v1", state(false), NOW, Optional.empty());
    }

    private static PersistedState state(boolean done) {
        return PersistedState.fromJson(
                "{\"value\":\"a\",\"context\":{},\"children\":{},\"done\":" + done + ",\"tags\":[]}");
    }
}
