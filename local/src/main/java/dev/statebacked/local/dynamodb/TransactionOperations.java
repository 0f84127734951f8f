package dev.statebacked.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.local.dynamodb.ItemOperations.PreparedWrite;
import dev.statebacked.local.dynamodb.ItemOperations.WriteKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * TransactWriteItems and TransactGetItems. Atomicity and isolation come from the storage's global write lock: all
 * conditions are checked and all new items computed before anything is written, and nobody else writes meanwhile.
 */
final class TransactionOperations {
    private final Storage storage;
    private final ItemOperations items;

    TransactionOperations(Storage storage, ItemOperations items) {
        this.storage = storage;
        this.items = items;
    }

    /** Why one transaction item failed, as DynamoDB reports it in CancellationReasons. */
    private record Reason(String code, String message, Map<String, DynamoValue> item) {
        static final Reason NONE = new Reason("None", null, null);
    }

    ObjectNode transactWriteItems(JsonNode request) {
        JsonNode transactItems = request.path("TransactItems");
        if (transactItems.isEmpty() || transactItems.size() > 100) {
            throw DynamoDbException.validation(
                    "1 validation error detected: Value at 'transactItems' failed to satisfy constraint: "
                            + "Member must have length less than or equal to 100 and greater than or equal to 1");
        }
        List<PreparedWrite> writes = new ArrayList<>();
        for (JsonNode transactItem : transactItems) {
            if (transactItem.size() != 1)
                throw DynamoDbException.validation(
                        "Each TransactItem must have exactly one of Put, Update, Delete or ConditionCheck");
            var field = transactItem.fields().next();
            WriteKind kind = switch (field.getKey()) {
                case "Put" -> WriteKind.PUT;
                case "Update" -> WriteKind.UPDATE;
                case "Delete" -> WriteKind.DELETE;
                case "ConditionCheck" -> WriteKind.CONDITION_CHECK;
                default -> throw DynamoDbException.validation("Unknown TransactItem action: " + field.getKey());
            };
            writes.add(items.prepare(kind, field.getValue()));
        }
        Set<String> seen = new HashSet<>();
        for (PreparedWrite w : writes) {
            if (!seen.add(w.storageKey()))
                throw DynamoDbException.validation(
                        "Transaction request cannot include multiple operations on one item");
        }
        storage.write(() -> {
            List<Map<String, DynamoValue>> currents = new ArrayList<>();
            List<Map<String, DynamoValue>> results = new ArrayList<>();
            List<Reason> reasons = new ArrayList<>();
            for (PreparedWrite w : writes) {
                Map<String, DynamoValue> current = storage.getItem(w.table(), w.key());
                currents.add(current);
                Reason reason = Reason.NONE;
                Map<String, DynamoValue> result = null;
                if (!w.conditionHolds(current)) {
                    reason = new Reason(
                            "ConditionalCheckFailed",
                            "The conditional request failed",
                            w.returnOldOnConditionFailure() ? current : null);
                } else {
                    try {
                        result = w.newItem(current);
                    } catch (DynamoDbException e) {
                        reason = new Reason("ValidationError", e.getMessage(), null);
                    }
                }
                reasons.add(reason);
                results.add(result);
            }
            if (reasons.stream().anyMatch(r -> r != Reason.NONE)) throw cancelled(reasons);
            for (int i = 0; i < writes.size(); i++) {
                PreparedWrite w = writes.get(i);
                if (w.kind() != WriteKind.CONDITION_CHECK)
                    storage.replaceItem(w.table(), currents.get(i), results.get(i), false);
            }
            return null;
        });
        return ValueJson.NODES.objectNode();
    }

    private static DynamoDbException cancelled(List<Reason> reasons) {
        String codes = reasons.stream().map(Reason::code).collect(Collectors.joining(", ", "[", "]"));
        return new DynamoDbException(
                "TransactionCanceledException",
                "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes,
                400,
                node -> {
                    ArrayNode array = node.putArray("CancellationReasons");
                    for (Reason r : reasons) {
                        ObjectNode reason = array.addObject();
                        reason.put("Code", r.code());
                        if (r.message() != null) reason.put("Message", r.message());
                        if (r.item() != null) reason.set("Item", ValueJson.writeItem(r.item()));
                    }
                });
    }

    ObjectNode transactGetItems(JsonNode request) {
        JsonNode transactItems = request.path("TransactItems");
        if (transactItems.isEmpty() || transactItems.size() > 100) {
            throw DynamoDbException.validation("TransactItems must have between 1 and 100 elements");
        }
        record Get(TableDefinition table, Map<String, DynamoValue> key, List<DocumentPath> projection) {}
        List<Get> gets = new ArrayList<>();
        for (JsonNode transactItem : transactItems) {
            JsonNode get = transactItem.path("Get");
            if (get.isMissingNode()) throw DynamoDbException.validation("Each TransactGetItem must have a Get");
            TableDefinition table = storage.table(RequestRouter.required(get, "TableName"));
            Map<String, DynamoValue> key = ValueJson.readItem(get.get("Key"));
            Keys.validateKey(table, key);
            gets.add(new Get(table, key, ItemOperations.projection(get)));
        }
        // Reading under the write lock gives a snapshot no concurrent write can tear.
        return storage.readConsistently(() -> {
            ObjectNode response = ValueJson.NODES.objectNode();
            ArrayNode responses = response.putArray("Responses");
            for (Get g : gets) {
                ObjectNode entry = responses.addObject();
                Map<String, DynamoValue> item = storage.getItem(g.table(), g.key());
                if (item != null)
                    entry.set(
                            "Item",
                            ValueJson.writeItem(
                                    g.projection() == null ? item : Projection.project(item, g.projection())));
            }
            return response;
        });
    }
}
