package dev.statebacked.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON object body read strictly: unknown fields and wrong types are the caller's mistake, named in
 * an {@code invalid-parameter} error.
 */
public final class RequestBody {
    private final JsonNode body;

    private RequestBody(JsonNode body) {
        this.body = body;
    }

    public static RequestBody of(ApiRequest request, Set<String> allowedFields) {
        JsonNode body = Json.readBody(request.body());
        if (!body.isObject()) {
            throw ApiException.invalidParameter("body", "request body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowedFields.contains(name)) {
                throw ApiException.invalidParameter(name, "unknown field " + name);
            }
        }
        return new RequestBody(body);
    }

    public String requiredString(String field) {
        return optionalString(field).orElseThrow(() -> ApiException.invalidParameter(field, field + " is required"));
    }

    public Optional<String> optionalString(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.invalidParameter(field, field + " must be a string");
        }
        return Optional.of(value.asText());
    }

    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw ApiException.invalidParameter(field, field + " must be a boolean");
        }
        return Optional.of(value.booleanValue());
    }

    public Optional<JsonNode> optionalArray(String field) {
        return optionalOfType(field, JsonNode::isArray, "an array");
    }

    public Optional<JsonNode> optionalObject(String field) {
        return optionalOfType(field, JsonNode::isObject, "an object");
    }

    public Optional<JsonNode> optional(String field) {
        return Optional.ofNullable(body.get(field)).filter(v -> !v.isNull());
    }

    private Optional<JsonNode> optionalOfType(String field, java.util.function.Predicate<JsonNode> type, String typeName) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!type.test(value)) {
            throw ApiException.invalidParameter(field, field + " must be " + typeName);
        }
        return Optional.of(value);
    }
}
