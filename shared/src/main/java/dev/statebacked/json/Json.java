package dev.statebacked.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the process, for every layer. Knows nothing of HTTP: a request body the caller got wrong
 * is the API's business ({@code api.Json.readBody}); JSON the service wrote itself that does not parse is corruption.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serializable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses JSON the service wrote itself: a stored item's body, another function's answer, a signed policy. One
     * that is empty or does not parse was corrupted on the way, which no caller can mend.
     */
    public static JsonNode readStored(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalStateException("corrupt stored JSON: it is empty");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt stored JSON: " + e.getOriginalMessage(), e);
        }
    }
}
