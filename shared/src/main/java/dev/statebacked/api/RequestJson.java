package dev.statebacked.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.json.Json;

/** Request bodies: malformed JSON is the caller's mistake, answered 400 (stored JSON is {@link Json}'s). */
final class RequestJson {
    private RequestJson() {}

    /** Parses a request body; malformed JSON is reported as invalid-parameter. */
    static JsonNode readBody(String body) {
        if (body == null || body.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalidParameter("body", "request body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
