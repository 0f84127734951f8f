package dev.statebacked.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.local.dynamodb.Expressions.Condition;
import dev.statebacked.local.dynamodb.Expressions.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * GetItem, PutItem, UpdateItem and DeleteItem. Writes are first {@linkplain #prepare prepared} (parsed and validated
 * without touching data), then {@linkplain PreparedWrite#apply applied} under the storage's write lock; batches and
 * transactions reuse the same two steps.
 */
final class ItemOperations {
    private static final Set<String> LEGACY_PARAMETERS = Set.of("Expected", "AttributeUpdates", "ConditionalOperator");

    private final Storage storage;

    ItemOperations(Storage storage) {
        this.storage = storage;
    }

    enum WriteKind {
        PUT,
        UPDATE,
        DELETE,
        CONDITION_CHECK
    }

    /**
     * A validated write of one item. {@code change} maps the current item (null when absent) to the new one (null to
     * delete); it is null for a ConditionCheck.
     */
    record PreparedWrite(
            WriteKind kind,
            TableDefinition table,
            Map<String, DynamoValue> key,
            Condition condition,
            UnaryOperator<Map<String, DynamoValue>> change,
            boolean returnOldOnConditionFailure,
            Update update) {

        String storageKey() {
            return table.id() + "/" + Keys.tableStorageKey(table, key);
        }

        boolean conditionHolds(Map<String, DynamoValue> current) {
            return condition == null || ConditionEvaluator.matches(condition, current);
        }

        /** The item after this write, validated; may throw ValidationException (e.g. ADD to a string). */
        Map<String, DynamoValue> newItem(Map<String, DynamoValue> current) {
            if (change == null) return current;
            Map<String, DynamoValue> result = change.apply(current);
            if (result != null) Keys.validateItem(table, result);
            return result;
        }
    }

    /** Parses one write in the shape shared by the single-item calls and TransactWriteItems' Put/Update/Delete/ConditionCheck. */
    PreparedWrite prepare(WriteKind kind, JsonNode request) {
        for (String legacy : LEGACY_PARAMETERS) {
            if (request.has(legacy)) {
                throw DynamoDbException.validation(
                        "The legacy parameter " + legacy + " is not supported by this emulator; use expressions");
            }
        }
        TableDefinition table = storage.table(RequestRouter.required(request, "TableName"));
        ExpressionContext context = new ExpressionContext(request);
        Map<String, DynamoValue> key;
        UnaryOperator<Map<String, DynamoValue>> change;
        Update update = null;
        switch (kind) {
            case PUT -> {
                Map<String, DynamoValue> item = ValueJson.readItem(request.get("Item"));
                Keys.validateItem(table, item);
                key = Keys.keyOf(table.key(), item);
                change = current -> item;
            }
            case UPDATE -> {
                key = ValueJson.readItem(request.get("Key"));
                Keys.validateKey(table, key);
                String expression = RequestRouter.text(request, "UpdateExpression");
                if (expression == null) {
                    change = current -> current == null ? key : current;
                } else {
                    Update parsed = ExpressionParser.parseUpdate(expression, context);
                    UpdateApplier.validate(parsed, table);
                    update = parsed;
                    change = current -> UpdateApplier.apply(parsed, current == null ? key : current);
                }
            }
            case DELETE -> {
                key = ValueJson.readItem(request.get("Key"));
                Keys.validateKey(table, key);
                change = current -> null;
            }
            case CONDITION_CHECK -> {
                key = ValueJson.readItem(request.get("Key"));
                Keys.validateKey(table, key);
                change = null;
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
        String conditionText = RequestRouter.text(request, "ConditionExpression");
        if (kind == WriteKind.CONDITION_CHECK && conditionText == null) {
            throw DynamoDbException.validation("ConditionCheck requires a ConditionExpression");
        }
        Condition condition = conditionText == null
                ? null
                : ExpressionParser.parseCondition(conditionText, "ConditionExpression", context);
        context.checkAllUsed();
        boolean returnOld = "ALL_OLD".equals(RequestRouter.text(request, "ReturnValuesOnConditionCheckFailure"));
        return new PreparedWrite(kind, table, key, condition, change, returnOld, update);
    }

    ObjectNode getItem(JsonNode request) {
        TableDefinition table = storage.table(RequestRouter.required(request, "TableName"));
        Map<String, DynamoValue> key = ValueJson.readItem(request.get("Key"));
        Keys.validateKey(table, key);
        List<DocumentPath> projection = projection(request);
        Map<String, DynamoValue> item = storage.getItem(table, key);
        ObjectNode response = ValueJson.NODES.objectNode();
        if (item != null)
            response.set("Item", ValueJson.writeItem(projection == null ? item : Projection.project(item, projection)));
        return response;
    }

    /** The request's ProjectionExpression (or legacy AttributesToGet) as paths, or null for all attributes. */
    static List<DocumentPath> projection(JsonNode request) {
        ExpressionContext context = new ExpressionContext(request);
        List<DocumentPath> paths = projectionWith(request, context);
        context.checkAllUsed();
        return paths;
    }

    static List<DocumentPath> projectionWith(JsonNode request, ExpressionContext context) {
        String expression = RequestRouter.text(request, "ProjectionExpression");
        if (expression != null) return ExpressionParser.parseProjection(expression, context);
        if (request.has("AttributesToGet")) {
            List<DocumentPath> paths = new ArrayList<>();
            request.get("AttributesToGet")
                    .forEach(n -> paths.add(new DocumentPath(List.of(new DocumentPath.Attribute(n.asText())))));
            return paths;
        }
        return null;
    }

    ObjectNode putItem(JsonNode request) {
        String returnValues = returnValues(request, Set.of("NONE", "ALL_OLD"));
        PreparedWrite write = prepare(WriteKind.PUT, request);
        Map<String, DynamoValue> old = storage.write(() -> applySingle(write)[0]);
        return attributes(returnValues.equals("ALL_OLD") ? old : null);
    }

    ObjectNode deleteItem(JsonNode request) {
        String returnValues = returnValues(request, Set.of("NONE", "ALL_OLD"));
        PreparedWrite write = prepare(WriteKind.DELETE, request);
        Map<String, DynamoValue> old = storage.write(() -> applySingle(write)[0]);
        return attributes(returnValues.equals("ALL_OLD") ? old : null);
    }

    ObjectNode updateItem(JsonNode request) {
        String returnValues = returnValues(request, Set.of("NONE", "ALL_OLD", "ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"));
        PreparedWrite write = prepare(WriteKind.UPDATE, request);
        Map<String, DynamoValue>[] oldAndNew = storage.write(() -> applySingle(write));
        Map<String, DynamoValue> old = oldAndNew[0], updated = oldAndNew[1];
        List<DocumentPath> touched =
                write.update() == null ? List.of() : write.update().allPaths();
        return attributes(
                switch (returnValues) {
                    case "ALL_OLD" -> old;
                    case "ALL_NEW" -> updated;
                    case "UPDATED_OLD" -> Projection.project(old, touched);
                    case "UPDATED_NEW" -> Projection.project(updated, touched);
                    default -> null;
                });
    }

    /** Applies one write under the lock; returns {old, new}. Throws ConditionalCheckFailedException when the condition fails. */
    @SuppressWarnings("unchecked")
    Map<String, DynamoValue>[] applySingle(PreparedWrite write) {
        Map<String, DynamoValue> current = storage.getItem(write.table(), write.key());
        if (!write.conditionHolds(current)) {
            throw DynamoDbException.conditionalCheckFailed(
                    write.returnOldOnConditionFailure() && current != null ? ValueJson.writeItem(current) : null);
        }
        Map<String, DynamoValue> result = write.newItem(current);
        storage.replaceItem(write.table(), current, result, false);
        return new Map[] {current, result};
    }

    private static String returnValues(JsonNode request, Set<String> allowed) {
        String value = request.path("ReturnValues").asText("NONE");
        if (!allowed.contains(value))
            throw DynamoDbException.validation(
                    "ReturnValues can only be " + String.join(" or ", allowed) + " for this operation");
        return value;
    }

    private static ObjectNode attributes(Map<String, DynamoValue> item) {
        ObjectNode response = ValueJson.NODES.objectNode();
        if (item != null && !item.isEmpty()) response.set("Attributes", ValueJson.writeItem(item));
        return response;
    }
}
