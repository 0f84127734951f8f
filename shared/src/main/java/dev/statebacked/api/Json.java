package dev.statebacked.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Request bodies: malformed JSON is the caller's mistake, answered 400. Everything else about JSON is
 * {@link dev.statebacked.json.Json}'s.
 */
public final class Json {
    /**
     * The mapper of {@link dev.statebacked.json.Json}, for the files that still use it through this class
     * (InstanceProcessor, ProcessingLease, InstanceRepository, InstanceOperations) until they import
     * {@code dev.statebacked.json.Json}; then it goes, with {@link #write}.
     */
    public static final ObjectMapper MAPPER = dev.statebacked.json.Json.MAPPER;

    private Json() {
    }

    /** See {@link dev.statebacked.json.Json#write}; kept for the same files as {@link #MAPPER}. */
    public static String write(Object value) {
        return dev.statebacked.json.Json.write(value);
    }

    /** Parses a request body; malformed JSON is the caller's mistake, reported as invalid-parameter. */
    public static JsonNode readBody(String body) {
        if (body == null || body.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalidParameter("body", "request body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
