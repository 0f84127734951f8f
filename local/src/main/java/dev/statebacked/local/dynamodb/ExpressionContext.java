package dev.statebacked.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ExpressionAttributeNames and ExpressionAttributeValues of one request (or one transaction item). It remembers
 * which placeholders the expressions used, because DynamoDB rejects requests that define unused ones.
 */
final class ExpressionContext {
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, DynamoValue> values;
    private final Set<String> usedNames = new TreeSet<>();
    private final Set<String> usedValues = new TreeSet<>();

    ExpressionContext(JsonNode request) {
        JsonNode namesNode = request.path("ExpressionAttributeNames");
        JsonNode valuesNode = request.path("ExpressionAttributeValues");
        if (namesNode.isObject() && namesNode.isEmpty())
            throw DynamoDbException.validation("ExpressionAttributeNames must not be empty");
        if (valuesNode.isObject() && valuesNode.isEmpty())
            throw DynamoDbException.validation("ExpressionAttributeValues must not be empty");
        namesNode
                .fields()
                .forEachRemaining(e -> names.put(e.getKey(), e.getValue().asText()));
        values = ValueJson.readItem(valuesNode);
    }

    String name(String placeholder) {
        String name = names.get(placeholder);
        if (name == null) {
            throw DynamoDbException.validation(
                    "An expression attribute name used in the document path is not defined; attribute name: "
                            + placeholder);
        }
        usedNames.add(placeholder);
        return name;
    }

    DynamoValue value(String placeholder) {
        DynamoValue value = values.get(placeholder);
        if (value == null) {
            throw DynamoDbException.validation(
                    "An expression attribute value used in expression is not defined; attribute value: " + placeholder);
        }
        usedValues.add(placeholder);
        return value;
    }

    /** Call after parsing every expression of the request. */
    void checkAllUsed() {
        Set<String> unusedNames = new TreeSet<>(names.keySet());
        unusedNames.removeAll(usedNames);
        if (!unusedNames.isEmpty()) {
            throw DynamoDbException.validation(
                    "Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                            + String.join(", ", unusedNames) + "}");
        }
        Set<String> unusedValues = new TreeSet<>(values.keySet());
        unusedValues.removeAll(usedValues);
        if (!unusedValues.isEmpty()) {
            throw DynamoDbException.validation(
                    "Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                            + String.join(", ", unusedValues) + "}");
        }
    }
}
