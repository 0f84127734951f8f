package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** What one write did to an instance, as its history and the post-commit stage see it. */
public sealed interface Change {
    /** The instance was created with its initial state. {@code requestId}: the API request it was made for. */
    record Created(JsonNode initialEvent, Optional<String> requestId) implements Change {}

    /**
     * The instance took {@code event}; {@code messageId} when it came from another instance (applied once per id),
     * {@code requestId} when from an API request.
     */
    record Transitioned(JsonNode event, Optional<String> messageId, Optional<String> requestId) implements Change {}

    /** Its status, desired version, owed events, timers, outbox or settle claim changed; its state did not. */
    record Updated() implements Change {}

    /** It was deleted with its history. */
    record Deleted() implements Change {}
}
