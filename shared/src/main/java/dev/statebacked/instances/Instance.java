package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.engine.ChildRef;
import dev.statebacked.engine.PersistedState;
import dev.statebacked.messaging.InstanceAddress;
import dev.statebacked.messaging.Message;
import dev.statebacked.timers.PendingTimer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored instance at one point of its history. {@code sequence} numbers the writes of the instance: only the
 * {@link CommitPoint} moves it, so every {@code with…} here describes the content of the next write and keeps the
 * sequence it was read at. {@code parent} is set for a persistent child; {@code claim} while a processor settles
 * the instance's services (see {@link SettleClaim}).
 */
public record Instance(
        String orgId,
        InstanceAddress address,
        long sequence,
        Lifecycle lifecycle,
        PersistedState state,
        Duties duties,
        Optional<Message.ParentLink> parent,
        Optional<SettleClaim> claim) {

    /** Which code runs the instance, whether it takes events, and when it was created and last changed. */
    public record Lifecycle(
            String versionId,
            InstanceStatus status,
            Optional<String> desiredVersionId,
            Instant createdAt,
            Instant updatedAt) {}

    /**
     * What the instance still owes: {@code owedEvents} are the {@code error.platform.*} events of services that
     * were stopped before they finished, delivered before the instance's next event; {@code timers} its pending
     * durable timers; {@code outbox} the messages of its writes that may not have been sent yet (sent after the
     * write, again by whoever cannot tell they were: receivers apply each message id once).
     */
    public record Duties(List<JsonNode> owedEvents, List<PendingTimer> timers, List<Message> outbox) {
        public static final Duties NONE = new Duties(List.of(), List.of(), List.of());

        public Duties {
            owedEvents = List.copyOf(owedEvents);
            timers = List.copyOf(timers);
            outbox = List.copyOf(outbox);
        }
    }

    /** A new instance with its initial state; its first write is number 1. */
    public static Instance created(
            String orgId,
            String machineName,
            String name,
            String versionId,
            PersistedState state,
            Instant at,
            Optional<Message.ParentLink> parent) {
        return new Instance(
                orgId,
                new InstanceAddress(machineName, name),
                0,
                new Lifecycle(versionId, InstanceStatus.RUNNING, Optional.empty(), at, at),
                state,
                Duties.NONE,
                parent,
                Optional.empty());
    }

    public String machineName() {
        return address.machineName();
    }

    public String name() {
        return address.instanceName();
    }

    public String versionId() {
        return lifecycle.versionId();
    }

    public InstanceStatus status() {
        return lifecycle.status();
    }

    public Optional<String> desiredVersionId() {
        return lifecycle.desiredVersionId();
    }

    public Instant createdAt() {
        return lifecycle.createdAt();
    }

    public Instant updatedAt() {
        return lifecycle.updatedAt();
    }

    public List<JsonNode> owedEvents() {
        return duties.owedEvents();
    }

    public List<PendingTimer> timers() {
        return duties.timers();
    }

    public List<Message> outbox() {
        return duties.outbox();
    }

    /** Whether the state has ephemeral services that report back only to the processor that runs them. */
    public boolean hasEphemeralChildren() {
        return hasEphemeralChildren(state);
    }

    static boolean hasEphemeralChildren(PersistedState state) {
        return state.children().values().stream().anyMatch(child -> child.kind() == ChildRef.Kind.EPHEMERAL);
    }

    /** After a transition at {@code at}: the new state and the owed events that remain. */
    public Instance withState(PersistedState next, List<JsonNode> stillOwed, Instant at) {
        return new Instance(
                orgId,
                address,
                sequence,
                new Lifecycle(
                        lifecycle.versionId(),
                        lifecycle.status(),
                        lifecycle.desiredVersionId(),
                        lifecycle.createdAt(),
                        at),
                next,
                new Duties(stillOwed, duties.timers(), duties.outbox()),
                parent,
                claim);
    }

    public Instance withDuties(Duties next) {
        return new Instance(orgId, address, sequence, lifecycle, state, next, parent, claim);
    }

    public Instance withTimers(List<PendingTimer> next) {
        return withDuties(new Duties(duties.owedEvents(), next, duties.outbox()));
    }

    public Instance withOutbox(List<Message> next) {
        return withDuties(new Duties(duties.owedEvents(), duties.timers(), next));
    }

    public Instance owing(List<JsonNode> events) {
        return withDuties(new Duties(events, duties.timers(), duties.outbox()));
    }

    public Instance withStatus(InstanceStatus next) {
        return withLifecycle(new Lifecycle(
                lifecycle.versionId(),
                next,
                lifecycle.desiredVersionId(),
                lifecycle.createdAt(),
                lifecycle.updatedAt()));
    }

    public Instance withDesiredVersion(String next) {
        return withLifecycle(new Lifecycle(
                lifecycle.versionId(),
                lifecycle.status(),
                Optional.of(next),
                lifecycle.createdAt(),
                lifecycle.updatedAt()));
    }

    /** On the version it was upgraded to, which it no longer needs to reach. */
    public Instance onVersion(String versionId) {
        return withLifecycle(new Lifecycle(
                versionId, lifecycle.status(), Optional.empty(), lifecycle.createdAt(), lifecycle.updatedAt()));
    }

    private Instance withLifecycle(Lifecycle next) {
        return new Instance(orgId, address, sequence, next, state, duties, parent, claim);
    }

    public Instance withClaim(Optional<SettleClaim> next) {
        return new Instance(orgId, address, sequence, lifecycle, state, duties, parent, next);
    }

    /** As written: the write number the commit point gave it. */
    Instance writtenAs(long writeNumber) {
        return new Instance(orgId, address, writeNumber, lifecycle, state, duties, parent, claim);
    }
}
