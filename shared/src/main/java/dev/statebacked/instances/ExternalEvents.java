package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.failures.InvalidInput;
import dev.statebacked.json.Json;
import java.nio.charset.StandardCharsets;

/** The rules an event from outside the service (an API caller, an HTTP API handler) must meet. */
public final class ExternalEvents {
    /**
     * An event is stored in its transition's history entry, beside the state value, in one DynamoDB item (at most
     * 400 KB): events are limited well under that.
     */
    public static final int MAX_EVENT_BYTES = 256 * 1024;

    private ExternalEvents() {}

    /** The event as an object with a {@code type}: a bare name becomes {@code {type: name}}. */
    public static ObjectNode normalize(JsonNode event) {
        ObjectNode normalized;
        if (event.isTextual() && !event.asText().isEmpty()) {
            normalized = Json.MAPPER.createObjectNode().put("type", event.asText());
        } else if (event.isObject()
                && event.path("type").isTextual()
                && !event.path("type").asText().isEmpty()) {
            normalized = (ObjectNode) event;
        } else {
            throw new InvalidInput("event", "event must be a name or an object with a string type");
        }
        if (Json.write(normalized).getBytes(StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) {
            throw new InvalidInput("event", "event exceeds " + MAX_EVENT_BYTES + " bytes of JSON");
        }
        String type = normalized.path("type").asText();
        if (type.startsWith("xstate.") || type.startsWith("done.") || type.startsWith("error.")) {
            throw new InvalidInput("event", "events named xstate.*, done.* and error.* are the platform's");
        }
        return normalized;
    }
}
