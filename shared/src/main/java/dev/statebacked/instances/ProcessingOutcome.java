package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.api.ApiException;
import dev.statebacked.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the processor function answers: the settled state, or the refusal (not found, paused, rejected by the
 * authorizer, user code error, ...) that the API function gives its caller exactly as if it had processed the
 * event itself.
 */
public final class ProcessingOutcome {
    private ProcessingOutcome() {
    }

    public static byte[] settled(InstanceState state) {
        ObjectNode outcome = Json.MAPPER.createObjectNode();
        outcome.set("state", Json.MAPPER.valueToTree(state.toJson()));
        return bytes(outcome);
    }

    public static byte[] refused(ApiException refusal) {
        ObjectNode failure = Json.MAPPER.createObjectNode().put("status", refusal.status()).put("error", refusal.getMessage());
        refusal.code().ifPresent(code -> failure.put("code", code));
        refusal.parameter().ifPresent(parameter -> failure.put("parameter", parameter));
        ObjectNode outcome = Json.MAPPER.createObjectNode();
        outcome.set("refused", failure);
        return bytes(outcome);
    }

    /** The settled state, or the refusal thrown as the {@link ApiException} the processor threw. */
    public static InstanceState read(byte[] outcome) {
        JsonNode json = Json.readStored(new String(outcome, StandardCharsets.UTF_8));
        JsonNode refused = json.get("refused");
        if (refused != null) {
            throw ApiException.of(refused.path("status").asInt(500), optional(refused, "code"),
                    optional(refused, "parameter"), refused.path("error").asText());
        }
        JsonNode state = json.get("state");
        if (state == null) {
            throw new IllegalStateException("the processor answered neither a state nor a refusal: " + json);
        }
        List<String> tags = new ArrayList<>();
        state.path("tags").forEach(tag -> tags.add(tag.asText()));
        return new InstanceState(state.path("ts").asLong(), state.get("state"), state.get("publicContext"), tags,
                state.path("done").asBoolean());
    }

    private static Optional<String> optional(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).map(JsonNode::asText);
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
