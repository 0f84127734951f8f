package dev.statebacked.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.json.Json;

/** The wire form of {@link Message}: JSON with a {@code kind}. */
public final class Messages {
    private Messages() {}

    public static String toJson(Message message) {
        return Json.write(message);
    }

    public static JsonNode toTree(Message message) {
        return Json.MAPPER.valueToTree(message);
    }

    /** Throws {@link MalformedMessageException} for anything that is not a message of a known kind. */
    public static Message parse(String body) {
        try {
            return Json.MAPPER.readValue(body, Message.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }

    public static Message fromTree(JsonNode tree) {
        try {
            return Json.MAPPER.treeToValue(tree, Message.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }

    public static final class MalformedMessageException extends RuntimeException {
        MalformedMessageException(String detail) {
            super("not a message: " + detail);
        }
    }
}
