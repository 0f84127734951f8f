package dev.statebacked.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A JSON object body. Fields the API does not read are ignored, because newer clients send some (the official
 * client's migration create sends the code along, a later API version may add fields); a field the API reads
 * with the wrong type is the caller's mistake, named in an {@code invalid-parameter} error.
 */
public final class RequestBody {
    private final JsonNode body;

    private RequestBody(JsonNode body) {
        this.body = body;
    }

    public static RequestBody of(ApiRequest request) {
        JsonNode body = RequestJson.readBody(request.body());
        if (!body.isObject()) {
            throw ApiException.invalidParameter("body", "request body must be a JSON object");
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

    private Optional<JsonNode> optionalOfType(
            String field, java.util.function.Predicate<JsonNode> type, String typeName) {
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
