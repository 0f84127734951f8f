package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.engine.ChildRef;
import dev.statebacked.engine.EngineException;
import dev.statebacked.engine.LogRecord;
import dev.statebacked.engine.MachineSession;
import dev.statebacked.engine.Transition;
import dev.statebacked.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes an instance through transitions within one processing turn: each one written at the commit point, then its
 * effects run, then its logs flushed; and after the caller's event, the services' done/error events fed back in
 * until nothing runs or the settle budget is spent. While services run, every write carries this process's
 * {@link SettleClaim}, renewed while it waits for them, and the write that ends settling clears it.
 */
final class Settler {
    private final CommitPoint commits;
    private final ProcessingOrder order;
    private final LogSink logs;
    private final SettleBudget budget;
    private final Clock clock;

    Settler(CommitPoint commits, ProcessingOrder order, LogSink logs, SettleBudget budget, Clock clock) {
        this.commits = commits;
        this.order = order;
        this.logs = logs;
        this.budget = budget;
        this.clock = clock;
    }

    /** The claim a write to {@code state}'s instance carries: one while its ephemeral services run. */
    Optional<SettleClaim> claimFor(Instance next) {
        return next.hasEphemeralChildren() ? Optional.of(order.claim()) : Optional.empty();
    }

    /** Writes the creation, then runs the initial state's effects. */
    Instance create(MachineSession session, Instance initial, Transition transition, Change.Created change) {
        Instance created = commits.create(initial.withClaim(claimFor(initial)), transition, change);
        return afterWrite(session, created, transition);
    }

    /** Writes the transition {@code event} made from {@code before}, then runs its effects. */
    Instance take(
            MachineSession session,
            Instance before,
            Transition transition,
            List<JsonNode> stillOwed,
            Change.Transitioned change) {
        return take(session, before, before, transition, stillOwed, change);
    }

    /** As {@link #take}, where the transition also changes what {@code changed} changed of {@code before}. */
    Instance take(
            MachineSession session,
            Instance before,
            Instance changed,
            Transition transition,
            List<JsonNode> stillOwed,
            Change.Transitioned change) {
        Instance next = changed.withState(transition.state(), stillOwed, clock.instant());
        return afterWrite(
                session, commits.transition(before, next.withClaim(claimFor(next)), transition, change), transition);
    }

    private Instance afterWrite(MachineSession session, Instance written, Transition transition) {
        try {
            session.runEffects(transition);
        } finally {
            // also when an effect broke the session (a custom action over its time): its lines explain why
            flushLogs(session, written);
        }
        return written;
    }

    /** The error events of services that did not finish (budget spent, or their processor died) go first. */
    Instance deliverOwed(MachineSession session, Instance instance) {
        List<JsonNode> owed = new ArrayList<>(instance.owedEvents());
        while (!owed.isEmpty()) {
            JsonNode event = owed.removeFirst();
            instance = take(
                    session,
                    instance,
                    session.transition(instance.state(), event),
                    List.copyOf(owed),
                    new Change.Transitioned(event, Optional.empty(), Optional.empty()));
        }
        return instance;
    }

    /** Feeds services' done/error events (and sends to self) back in until nothing runs or the budget is spent. */
    Instance settle(MachineSession session, Instance instance, Instant deadline) {
        Duration renewEvery = order.claimDuration().dividedBy(3);
        while (true) {
            Optional<JsonNode> next;
            boolean running;
            Transition transition;
            try {
                running = session.hasRunningServices();
                Duration remaining = Duration.between(clock.instant(), deadline);
                Duration wait = remaining.compareTo(renewEvery) > 0 ? renewEvery : remaining;
                next = session.awaitNextEvent(running && !wait.isNegative() ? wait : Duration.ZERO);
                transition = next.isEmpty() ? null : session.transition(instance.state(), next.get());
            } catch (EngineException e) {
                // machine code failing while services run (a service's timer, or the transition of a service's
                // event) stops them all, as their context is discarded; each service is owed its error event
                String failure = InstanceProcessor.userCodeFailure(e).getMessage();
                flushLogs(session, instance);
                logs.write(
                        instance,
                        List.of(new LogRecord(
                                LogRecord.Level.ERROR, clock.instant(), "the services were stopped: " + failure)));
                return release(instance, owedForEphemeralChildren(instance, "the service was stopped: " + failure));
            }
            if (next.isPresent()) {
                instance = take(
                        session,
                        instance,
                        transition,
                        List.of(),
                        new Change.Transitioned(next.get(), Optional.empty(), Optional.empty()));
                continue;
            }
            if (running && clock.instant().isBefore(deadline)) {
                instance = commits.update(instance, instance.withClaim(Optional.of(order.claim())), List.of());
                // what running services printed is stored at each renewal rather than when they finish: minutes later
                flushLogs(session, instance);
                continue;
            }
            List<JsonNode> interrupted = running
                    ? session.stopServices("settle budget of " + budget.settle().toSeconds()
                            + " s ran out before the service finished")
                    : List.of();
            flushLogs(session, instance);
            return release(instance, interrupted);
        }
    }

    /**
     * Ends settling: the error events of the services that were stopped become owed (delivered before the next
     * event) and the claim is cleared, in one write when either is needed.
     */
    Instance release(Instance instance, List<JsonNode> interrupted) {
        if (interrupted.isEmpty() && instance.claim().isEmpty()) {
            return instance;
        }
        List<JsonNode> owed = new ArrayList<>(instance.owedEvents());
        owed.addAll(interrupted);
        return commits.update(instance, instance.owing(owed).withClaim(Optional.empty()), List.of());
    }

    /** An {@code error.platform.<id>} event for each ephemeral child the instance's state still has. */
    static List<JsonNode> owedForEphemeralChildren(Instance instance, String why) {
        List<JsonNode> owed = new ArrayList<>();
        instance.state().children().forEach((id, child) -> {
            if (child.kind() == ChildRef.Kind.EPHEMERAL) {
                ObjectNode error = Json.MAPPER.createObjectNode().put("type", "error.platform." + id);
                error.putObject("data").put("message", why);
                owed.add(error);
            }
        });
        return owed;
    }

    void flushLogs(MachineSession session, Instance instance) {
        var records = session.drainLogs();
        if (!records.isEmpty()) {
            logs.write(instance, records);
        }
    }
}
