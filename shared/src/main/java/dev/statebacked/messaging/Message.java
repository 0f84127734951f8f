package dev.statebacked.messaging;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.engine.ChildRef;
import java.util.List;

/**
 * What travels on the work queue between instances. Every message has a stable {@code id}: the receiver records
 * it with the transition it causes, so a redelivery changes nothing.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Message.Event.class, name = "event"),
    @JsonSubTypes.Type(value = Message.CreateChild.class, name = "create-child"),
    @JsonSubTypes.Type(value = Message.TimerWakeUp.class, name = "timer"),
    @JsonSubTypes.Type(value = Message.Recovery.class, name = "recovery")
})
public sealed interface Message {
    String id();

    String orgId();

    /** The instance that handles the message. */
    InstanceAddress receiver();

    /** An event from one instance to another (sendTo a persistent child, sendParent, done.invoke of a child). */
    record Event(String id, String orgId, InstanceAddress receiver, InstanceAddress sender, JsonNode event)
            implements Message {}

    /**
     * Create a persistent child, by name and so idempotently, then deliver the events its parent sent it in the
     * same transition (so they cannot overtake the creation).
     *
     * @param versionId null: the machine's current version
     */
    record CreateChild(
            String id,
            String orgId,
            InstanceAddress receiver,
            String versionId,
            JsonNode context,
            ParentLink parent,
            List<Event> then)
            implements Message {
        public CreateChild {
            then = List.copyOf(then);
        }

        public CreateChild followedBy(Event event) {
            List<Event> events = new java.util.ArrayList<>(then);
            events.add(event);
            return new CreateChild(id, orgId, receiver, versionId, context, parent, events);
        }
    }

    /**
     * Wakes an instance for its pending timer {@code id}, due at {@code dueAtMillis} (epoch millis), armed by the
     * instance's write number {@code armedBy} (a wake-up is armed before that write lands).
     */
    record TimerWakeUp(String id, String orgId, InstanceAddress receiver, long dueAtMillis, long armedBy)
            implements Message {}

    /**
     * Sent, delayed past the processing lease, with every write that has messages to send: if the holder that
     * wrote it died before sending them, its lease is left unreleased, and taking it over sends them again even
     * when no other event ever comes for the instance.
     */
    record Recovery(String id, String orgId, InstanceAddress receiver) implements Message {}

    /** The parent of a persistent child: where its sendParent and its done event go. */
    record ParentLink(InstanceAddress address, String childId, ChildRef.Origin origin) {}
}
