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

/** BatchGetItem and BatchWriteItem. Everything is always processed, so Unprocessed* are always empty. */
final class BatchOperations {
    private final Storage storage;
    private final ItemOperations items;

    BatchOperations(Storage storage, ItemOperations items) {
        this.storage = storage;
        this.items = items;
    }

    ObjectNode batchGetItem(JsonNode request) {
        JsonNode requestItems = request.path("RequestItems");
        int total = 0;
        for (JsonNode perTable : requestItems) total += perTable.path("Keys").size();
        if (total == 0)
            throw DynamoDbException.validation("1 validation error detected: RequestItems must not be empty");
        if (total > 100) throw DynamoDbException.validation("Too many items requested for the BatchGetItem call");
        ObjectNode response = ValueJson.NODES.objectNode();
        ObjectNode responses = response.putObject("Responses");
        requestItems.fields().forEachRemaining(entry -> {
            TableDefinition table = storage.table(entry.getKey());
            JsonNode perTable = entry.getValue();
            List<DocumentPath> projection = ItemOperations.projection(perTable);
            Set<String> seen = new HashSet<>();
            ArrayNode found = responses.putArray(table.name());
            for (JsonNode keyNode : perTable.path("Keys")) {
                Map<String, DynamoValue> key = ValueJson.readItem(keyNode);
                Keys.validateKey(table, key);
                if (!seen.add(Keys.tableStorageKey(table, key)))
                    throw DynamoDbException.validation("Provided list of item keys contains duplicates");
                Map<String, DynamoValue> item = storage.getItem(table, key);
                if (item != null)
                    found.add(ValueJson.writeItem(projection == null ? item : Projection.project(item, projection)));
            }
        });
        response.putObject("UnprocessedKeys");
        return response;
    }

    ObjectNode batchWriteItem(JsonNode request) {
        JsonNode requestItems = request.path("RequestItems");
        List<PreparedWrite> writes = new ArrayList<>();
        requestItems.fields().forEachRemaining(entry -> {
            for (JsonNode writeRequest : entry.getValue()) {
                ObjectNode single = ValueJson.NODES.objectNode();
                single.put("TableName", entry.getKey());
                if (writeRequest.has("PutRequest")) {
                    single.set("Item", writeRequest.path("PutRequest").path("Item"));
                    writes.add(items.prepare(WriteKind.PUT, single));
                } else if (writeRequest.has("DeleteRequest")) {
                    single.set("Key", writeRequest.path("DeleteRequest").path("Key"));
                    writes.add(items.prepare(WriteKind.DELETE, single));
                } else {
                    throw DynamoDbException.validation("A WriteRequest must have a PutRequest or a DeleteRequest");
                }
            }
        });
        if (writes.isEmpty())
            throw DynamoDbException.validation("1 validation error detected: RequestItems must not be empty");
        if (writes.size() > 25) {
            throw DynamoDbException.validation(
                    "1 validation error detected: Value at 'requestItems' failed to satisfy constraint: "
                            + "Map value must satisfy constraint: Member must have length less than or equal to 25");
        }
        Set<String> seen = new HashSet<>();
        for (PreparedWrite w : writes) {
            if (!seen.add(w.storageKey()))
                throw DynamoDbException.validation("Provided list of item keys contains duplicates");
        }
        storage.write(() -> {
            writes.forEach(items::applySingle);
            return null;
        });
        ObjectNode response = ValueJson.NODES.objectNode();
        response.putObject("UnprocessedItems");
        return response;
    }
}
