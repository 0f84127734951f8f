package dev.statebacked.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.local.dynamodb.Expressions.Condition;
import dev.statebacked.local.dynamodb.TableDefinition.IndexDefinition;
import dev.statebacked.local.dynamodb.TableDefinition.KeyAttribute;
import dev.statebacked.local.dynamodb.TableDefinition.KeySchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * Query and Scan over a table or one of its indexes. Both walk a sorted map (a Query only the key range of one
 * partition), count what they read against Limit and a 1 MB page, apply the filter afterwards, and return
 * LastEvaluatedKey when they stopped early, exactly like DynamoDB's paging contract.
 */
final class QueryOperations {
    private static final long PAGE_BYTES = 1024 * 1024;

    private final Storage storage;

    QueryOperations(Storage storage) {
        this.storage = storage;
    }

    ObjectNode query(JsonNode request) {
        return read(request, true);
    }

    ObjectNode scan(JsonNode request) {
        return read(request, false);
    }

    private ObjectNode read(JsonNode request, boolean isQuery) {
        for (String legacy : List.of("KeyConditions", "QueryFilter", "ScanFilter", "ConditionalOperator")) {
            if (request.has(legacy))
                throw DynamoDbException.validation(
                        "The legacy parameter " + legacy + " is not supported by this emulator; use expressions");
        }
        TableDefinition table = storage.table(RequestRouter.required(request, "TableName"));
        String indexName = RequestRouter.text(request, "IndexName");
        IndexDefinition index = indexName == null
                ? null
                : table.index(indexName)
                        .orElseThrow(() -> DynamoDbException.validation(
                                "The table does not have the specified index: " + indexName));
        if (index != null && index.global() && request.path("ConsistentRead").asBoolean(false)) {
            throw DynamoDbException.validation("Consistent reads are not supported on global secondary indexes");
        }
        KeySchema schema = index == null ? table.key() : index.key();
        ExpressionContext context = new ExpressionContext(request);
        KeyCondition keyCondition = null;
        if (isQuery) {
            String expression = RequestRouter.text(request, "KeyConditionExpression");
            if (expression == null)
                throw DynamoDbException.validation(
                        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
            keyCondition = KeyCondition.from(
                    ExpressionParser.parseCondition(expression, "KeyConditionExpression", context), schema);
        }
        String filterText = RequestRouter.text(request, "FilterExpression");
        Condition filter =
                filterText == null ? null : ExpressionParser.parseCondition(filterText, "FilterExpression", context);
        if (isQuery && filter != null) {
            for (KeyAttribute key : schema.attributes()) {
                if (ConditionEvaluator.attributeNames(filter).contains(key.name())) {
                    throw DynamoDbException.validation(
                            "Filter Expression can only contain non-primary key attributes: Primary key attribute: "
                                    + key.name());
                }
            }
        }
        List<DocumentPath> projection = ItemOperations.projectionWith(request, context);
        context.checkAllUsed();
        String select = request.path("Select").asText(projection != null ? "SPECIFIC_ATTRIBUTES" : "ALL_ATTRIBUTES");
        if (select.equals("COUNT") && projection != null) {
            throw DynamoDbException.validation(
                    "Cannot specify the ProjectionExpression when choosing to get only the COUNT");
        }
        int limit = request.has("Limit") ? request.get("Limit").asInt() : Integer.MAX_VALUE;
        if (limit < 1) throw DynamoDbException.validation("Limit must be greater than or equal to 1");
        boolean ascending = !isQuery || request.path("ScanIndexForward").asBoolean(true);
        int totalSegments = request.path("TotalSegments").asInt(1);
        int segment = request.path("Segment").asInt(0);
        if (totalSegments < 1 || segment < 0 || segment >= totalSegments) {
            throw DynamoDbException.validation("Segment must be less than TotalSegments, and TotalSegments at least 1");
        }

        MVMap<String, String> map = index == null ? storage.items(table) : storage.index(table, index);
        // Bounds of the walk, both inclusive; in descending order 'from' is the upper one.
        String lower = null, upper = null;
        if (keyCondition != null) {
            String partition = KeyEncoding.encode(keyCondition.partition());
            lower = partition;
            upper = KeyEncoding.prefixEnd(partition);
            DynamoValue seek = keyCondition.seekValue(ascending);
            if (seek != null) {
                if (ascending) lower = partition + KeyEncoding.encode(seek);
                else upper = KeyEncoding.prefixEnd(partition + KeyEncoding.encode(seek));
            }
        }
        String exclusiveStart = null;
        if (request.hasNonNull("ExclusiveStartKey")) {
            Map<String, DynamoValue> start = ValueJson.readItem(request.get("ExclusiveStartKey"));
            exclusiveStart = index == null ? safeTableKey(table, start) : Keys.indexStorageKey(table, index, start);
            if (exclusiveStart == null) throw DynamoDbException.validation("The provided starting key is invalid");
            if (ascending && (lower == null || exclusiveStart.compareTo(lower) > 0)) lower = exclusiveStart;
            if (!ascending && (upper == null || exclusiveStart.compareTo(upper) < 0)) upper = exclusiveStart;
        }

        Cursor<String, String> cursor = ascending ? map.cursor(lower, upper, false) : map.cursor(upper, lower, true);
        List<Map<String, DynamoValue>> results = new ArrayList<>();
        int scanned = 0;
        long bytes = 0;
        Map<String, DynamoValue> lastEvaluated = null;
        boolean stoppedEarly = false;
        while (cursor.hasNext()) {
            String storageKey = cursor.next();
            if (storageKey.equals(exclusiveStart)) continue;
            Map<String, DynamoValue> item = ValueJson.itemFromString(cursor.getValue());
            if (keyCondition != null) {
                DynamoValue sortValue =
                        schema.range() == null ? null : item.get(schema.range().name());
                if (keyCondition.pastTheEnd(sortValue, ascending)) break;
                if (!keyCondition.matchesSortKey(sortValue)) continue;
            }
            if (totalSegments > 1
                    && Math.floorMod(
                                    KeyEncoding.encode(
                                                    item.get(table.key().hash().name()))
                                            .hashCode(),
                                    totalSegments)
                            != segment) {
                continue;
            }
            if (index != null) item = projectToIndex(table, index, item);
            scanned++;
            bytes += Item.sizeBytes(item);
            lastEvaluated = evaluatedKey(table, index, item);
            if (filter == null || ConditionEvaluator.matches(filter, item)) {
                results.add(projection == null ? item : Projection.project(item, projection));
            }
            if (scanned >= limit || bytes >= PAGE_BYTES) {
                stoppedEarly = cursor.hasNext();
                break;
            }
        }

        ObjectNode response = ValueJson.NODES.objectNode();
        if (!select.equals("COUNT")) {
            ArrayNode items = response.putArray("Items");
            results.forEach(i -> items.add(ValueJson.writeItem(i)));
        }
        response.put("Count", results.size());
        response.put("ScannedCount", scanned);
        if (stoppedEarly) response.set("LastEvaluatedKey", ValueJson.writeItem(lastEvaluated));
        return response;
    }

    private static String safeTableKey(TableDefinition table, Map<String, DynamoValue> start) {
        for (KeyAttribute a : table.key().attributes()) {
            DynamoValue v = start.get(a.name());
            if (v == null || !v.type().equals(a.type())) return null;
        }
        return Keys.tableStorageKey(table, start);
    }

    /** The attributes an index holds: table and index keys, plus everything (ALL) or the INCLUDE list. */
    static Map<String, DynamoValue> projectToIndex(
            TableDefinition table, IndexDefinition index, Map<String, DynamoValue> item) {
        if (index.projectionType().equals("ALL")) return item;
        Map<String, DynamoValue> projected = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        table.key().attributes().forEach(a -> names.add(a.name()));
        index.key().attributes().forEach(a -> names.add(a.name()));
        names.addAll(index.nonKeyAttributes());
        for (String name : names) {
            DynamoValue v = item.get(name);
            if (v != null) projected.put(name, v);
        }
        return projected;
    }

    private static Map<String, DynamoValue> evaluatedKey(
            TableDefinition table, IndexDefinition index, Map<String, DynamoValue> item) {
        Map<String, DynamoValue> key = new LinkedHashMap<>(Keys.keyOf(table.key(), item));
        if (index != null) key.putAll(Keys.keyOf(index.key(), item));
        return key;
    }
}
