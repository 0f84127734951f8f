package dev.statebacked.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import dev.statebacked.json.Json;
import dev.statebacked.json.JsonPaths;
import java.util.Map;

/**
 * A claim mapping as identity and token providers declare it: a key ending in {@code .$} takes the JSONPath its
 * value names into the source claims (the key without the suffix receives it), any other key is a literal, and an
 * object value is a mapping of its own. A path that matches nothing leaves its key out.
 */
public final class ClaimMapping {
    private static final String PATH_SUFFIX = ".$";
    private final ObjectNode mapping;

    private ClaimMapping(ObjectNode mapping) {
        this.mapping = mapping;
    }

    /** Checks every path once, so that a provider is refused when it is configured, not at its first sign-in. */
    public static ClaimMapping of(JsonNode mapping) {
        if (!(mapping instanceof ObjectNode object)) {
            throw new IllegalArgumentException("mapping must be an object");
        }
        check(object);
        return new ClaimMapping(object.deepCopy());
    }

    public JsonNode json() {
        return mapping.deepCopy();
    }

    public ObjectNode apply(JsonNode claims) {
        return apply(mapping, claims);
    }

    private static ObjectNode apply(ObjectNode mapping, JsonNode claims) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> field : mapping.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.endsWith(PATH_SUFFIX)) {
                JsonNode found =
                        JsonPath.using(JsonPaths.ON_JSON_NODES).parse(claims).read(value.asText());
                if (found != null && !found.isMissingNode() && !found.isNull()) {
                    result.set(key.substring(0, key.length() - PATH_SUFFIX.length()), found);
                }
            } else if (value instanceof ObjectNode nested) {
                result.set(key, apply(nested, claims));
            } else {
                result.set(key, value.deepCopy());
            }
        }
        return result;
    }

    private static void check(ObjectNode mapping) {
        for (Map.Entry<String, JsonNode> field : mapping.properties()) {
            JsonNode value = field.getValue();
            if (field.getKey().endsWith(PATH_SUFFIX)) {
                if (!value.isTextual()) {
                    throw new IllegalArgumentException("the value of " + field.getKey() + " must be a JSONPath string");
                }
                try {
                    JsonPath.compile(value.asText());
                } catch (InvalidPathException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "the value of " + field.getKey() + " is not a JSONPath: " + e.getMessage());
                }
            } else if (value instanceof ObjectNode nested) {
                check(nested);
            }
        }
    }
}
