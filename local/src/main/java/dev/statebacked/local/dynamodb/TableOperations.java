package dev.statebacked.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.local.dynamodb.TableDefinition.IndexDefinition;
import dev.statebacked.local.dynamodb.TableDefinition.KeyAttribute;
import dev.statebacked.local.dynamodb.TableDefinition.KeySchema;
import dev.statebacked.local.dynamodb.TableDefinition.StreamSettings;
import dev.statebacked.local.dynamodb.TableDefinition.TtlSettings;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** CreateTable, DescribeTable, ListTables, DeleteTable and the TTL settings. Tables are ACTIVE as soon as created. */
final class TableOperations {
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    private static final Set<String> VIEW_TYPES = Set.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES");
    private static final DateTimeFormatter STREAM_LABEL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final Storage storage;

    TableOperations(Storage storage) {
        this.storage = storage;
    }

    ObjectNode createTable(JsonNode request) {
        TableDefinition table = parseDefinition(request);
        return storage.write(() -> {
            if (storage.tableExists(table.name()))
                throw DynamoDbException.resourceInUse("Table already exists: " + table.name());
            storage.saveTable(table);
            ObjectNode response = ValueJson.NODES.objectNode();
            response.set("TableDescription", describe(table, "ACTIVE"));
            return response;
        });
    }

    ObjectNode describeTable(JsonNode request) {
        TableDefinition table = storage.table(RequestRouter.required(request, "TableName"));
        ObjectNode response = ValueJson.NODES.objectNode();
        response.set("Table", describe(table, "ACTIVE"));
        return response;
    }

    ObjectNode listTables(JsonNode request) {
        String start = RequestRouter.text(request, "ExclusiveStartTableName");
        int limit = request.path("Limit").asInt(100);
        if (limit < 1 || limit > 100) throw DynamoDbException.validation("Limit must be between 1 and 100");
        List<String> names = storage.tableNames().stream()
                .filter(n -> start == null || n.compareTo(start) > 0)
                .toList();
        ObjectNode response = ValueJson.NODES.objectNode();
        ArrayNode array = response.putArray("TableNames");
        names.stream().limit(limit).forEach(array::add);
        if (names.size() > limit) response.put("LastEvaluatedTableName", names.get(limit - 1));
        return response;
    }

    ObjectNode deleteTable(JsonNode request) {
        String name = RequestRouter.required(request, "TableName");
        return storage.write(() -> {
            TableDefinition table = storage.table(name);
            ObjectNode description = describe(table, "DELETING");
            storage.dropTable(table);
            ObjectNode response = ValueJson.NODES.objectNode();
            response.set("TableDescription", description);
            return response;
        });
    }

    /**
     * Supports what a local stack needs after creation: turning the stream on or off, adding (with backfill) or
     * deleting global secondary indexes, and changing the billing mode (stored, otherwise ignored).
     */
    ObjectNode updateTable(JsonNode request) {
        String name = RequestRouter.required(request, "TableName");
        return storage.write(() -> {
            TableDefinition table = storage.table(name);
            Map<String, String> attributeTypes = new LinkedHashMap<>(table.attributeTypes());
            for (JsonNode d : request.path("AttributeDefinitions")) {
                String attribute = RequestRouter.required(d, "AttributeName");
                String type = RequestRouter.required(d, "AttributeType");
                String previous = attributeTypes.putIfAbsent(attribute, type);
                if (previous != null && !previous.equals(type)) {
                    throw DynamoDbException.validation(
                            "Cannot change the type of attribute " + attribute + " from " + previous + " to " + type);
                }
            }
            List<IndexDefinition> indexes = new ArrayList<>(table.indexes());
            List<IndexDefinition> created = new ArrayList<>();
            for (JsonNode update : request.path("GlobalSecondaryIndexUpdates")) {
                if (update.has("Create")) {
                    Set<String> names = new HashSet<>();
                    indexes.forEach(i -> names.add(i.name()));
                    IndexDefinition index =
                            parseIndex(update.get("Create"), true, attributeTypes, new HashSet<>(), names);
                    indexes.add(index);
                    created.add(index);
                } else if (update.has("Delete")) {
                    String indexName = RequestRouter.required(update.get("Delete"), "IndexName");
                    IndexDefinition index = table.index(indexName)
                            .filter(IndexDefinition::global)
                            .orElseThrow(() -> DynamoDbException.resourceNotFound(
                                    "Requested resource not found: Index: " + indexName + " not found"));
                    indexes.remove(index);
                    storage.dropIndex(table, index);
                }
            }
            StreamSettings stream = table.stream();
            JsonNode spec = request.path("StreamSpecification");
            if (spec.has("StreamEnabled")) {
                boolean enable = spec.get("StreamEnabled").asBoolean();
                if (enable && table.streamEnabled())
                    throw DynamoDbException.validation("Table already has an enabled stream: "
                            + table.stream().arn());
                if (!enable && !table.streamEnabled())
                    throw DynamoDbException.validation("Table does not have a stream enabled");
                if (enable) {
                    stream = newStream(table.name(), spec);
                } else {
                    storage.dropStream(table);
                    stream = null;
                }
            }
            String billingMode = request.path("BillingMode").asText(table.billingMode());
            TableDefinition updated = new TableDefinition(
                    table.name(),
                    table.id(),
                    table.createdMillis(),
                    table.key(),
                    attributeTypes,
                    indexes,
                    stream,
                    table.ttl(),
                    billingMode);
            storage.saveTable(updated);
            for (IndexDefinition index : created) storage.backfillIndex(updated, index);
            ObjectNode response = ValueJson.NODES.objectNode();
            response.set("TableDescription", describe(updated, "ACTIVE"));
            return response;
        });
    }

    ObjectNode updateTimeToLive(JsonNode request) {
        String name = RequestRouter.required(request, "TableName");
        JsonNode spec = request.path("TimeToLiveSpecification");
        String attribute = RequestRouter.required(spec, "AttributeName");
        boolean enabled = spec.path("Enabled").asBoolean(false);
        return storage.write(() -> {
            TableDefinition table = storage.table(name);
            boolean wasEnabled = table.ttl() != null && table.ttl().enabled();
            if (wasEnabled == enabled) {
                throw DynamoDbException.validation(
                        enabled ? "TimeToLive is already enabled" : "TimeToLive is already disabled");
            }
            TableDefinition updated = table.withTtl(new TtlSettings(enabled, attribute));
            storage.saveTable(updated);
            if (enabled) storage.indexExpiries(updated);
            else storage.dropExpiries(table);
            ObjectNode response = ValueJson.NODES.objectNode();
            ObjectNode echoed = response.putObject("TimeToLiveSpecification");
            echoed.put("Enabled", enabled);
            echoed.put("AttributeName", attribute);
            return response;
        });
    }

    ObjectNode describeTimeToLive(JsonNode request) {
        TableDefinition table = storage.table(RequestRouter.required(request, "TableName"));
        ObjectNode response = ValueJson.NODES.objectNode();
        ObjectNode description = response.putObject("TimeToLiveDescription");
        if (table.ttl() != null && table.ttl().enabled()) {
            description.put("TimeToLiveStatus", "ENABLED");
            description.put("AttributeName", table.ttl().attributeName());
        } else {
            description.put("TimeToLiveStatus", "DISABLED");
        }
        return response;
    }

    // ---- parsing CreateTable

    private TableDefinition parseDefinition(JsonNode request) {
        String name = RequestRouter.required(request, "TableName");
        if (!TABLE_NAME.matcher(name).matches()) {
            throw DynamoDbException.validation(
                    "TableName must be at least 3 characters long and at most 255 characters long, "
                            + "and contain only a-z, A-Z, 0-9, '_', '-' and '.'");
        }
        Map<String, String> attributeTypes = new LinkedHashMap<>();
        for (JsonNode d : request.path("AttributeDefinitions")) {
            String type = RequestRouter.required(d, "AttributeType");
            if (!Set.of("S", "N", "B").contains(type))
                throw DynamoDbException.validation("Invalid AttributeType: " + type);
            attributeTypes.put(RequestRouter.required(d, "AttributeName"), type);
        }
        Set<String> usedAttributes = new HashSet<>();
        KeySchema key = parseKeySchema(request.path("KeySchema"), attributeTypes, usedAttributes);
        List<IndexDefinition> indexes = new ArrayList<>();
        Set<String> indexNames = new HashSet<>();
        for (JsonNode gsi : request.path("GlobalSecondaryIndexes")) {
            indexes.add(parseIndex(gsi, true, attributeTypes, usedAttributes, indexNames));
        }
        for (JsonNode lsi : request.path("LocalSecondaryIndexes")) {
            IndexDefinition index = parseIndex(lsi, false, attributeTypes, usedAttributes, indexNames);
            if (key.range() == null
                    || index.key().range() == null
                    || !index.key().hash().equals(key.hash())) {
                throw DynamoDbException.validation(
                        "One or more parameter values were invalid: Table KeySchema does not have a range key, "
                                + "or the local secondary index " + index.name()
                                + " does not have the same hash key as the table and a range key");
            }
            indexes.add(index);
        }
        if (!usedAttributes.equals(attributeTypes.keySet())) {
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: Number of attributes in KeySchema does not "
                            + "exactly match number of attributes defined in AttributeDefinitions");
        }
        long now = System.currentTimeMillis();
        JsonNode spec = request.path("StreamSpecification");
        StreamSettings stream = spec.path("StreamEnabled").asBoolean(false) ? newStream(name, spec) : null;
        String billingMode = request.path("BillingMode").asText("PROVISIONED");
        return new TableDefinition(
                name, UUID.randomUUID().toString(), now, key, attributeTypes, indexes, stream, null, billingMode);
    }

    private static StreamSettings newStream(String tableName, JsonNode spec) {
        String viewType = RequestRouter.text(spec, "StreamViewType");
        if (viewType == null || !VIEW_TYPES.contains(viewType)) {
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: StreamViewType must be one of " + VIEW_TYPES);
        }
        long now = System.currentTimeMillis();
        String label = STREAM_LABEL.format(Instant.ofEpochMilli(now));
        String arn = "arn:aws:dynamodb:" + DynamoDbEmulator.REGION + ":" + DynamoDbEmulator.ACCOUNT + ":table/"
                + tableName + "/stream/" + label;
        return new StreamSettings(true, viewType, arn, label, now);
    }

    private static KeySchema parseKeySchema(JsonNode schema, Map<String, String> attributeTypes, Set<String> used) {
        KeyAttribute hash = null, range = null;
        for (JsonNode element : schema) {
            String name = RequestRouter.required(element, "AttributeName");
            String type = attributeTypes.get(name);
            if (type == null) {
                throw DynamoDbException.validation(
                        "One or more parameter values were invalid: Some index key attributes are not "
                                + "defined in AttributeDefinitions. Keys: [" + name + "], AttributeDefinitions: "
                                + attributeTypes.keySet());
            }
            used.add(name);
            switch (RequestRouter.required(element, "KeyType")) {
                case "HASH" -> {
                    if (hash != null) throw DynamoDbException.validation("Invalid KeySchema: Too many hash keys");
                    hash = new KeyAttribute(name, type);
                }
                case "RANGE" -> {
                    if (range != null) throw DynamoDbException.validation("Invalid KeySchema: Too many range keys");
                    range = new KeyAttribute(name, type);
                }
                default ->
                    throw DynamoDbException.validation(
                            "Invalid KeyType: " + element.path("KeyType").asText());
            }
        }
        if (hash == null) throw DynamoDbException.validation("Invalid KeySchema: No Hash Key specified");
        return new KeySchema(hash, range);
    }

    private static IndexDefinition parseIndex(
            JsonNode index,
            boolean global,
            Map<String, String> attributeTypes,
            Set<String> used,
            Set<String> indexNames) {
        String name = RequestRouter.required(index, "IndexName");
        if (!indexNames.add(name))
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: Duplicate index name: " + name);
        KeySchema key = parseKeySchema(index.path("KeySchema"), attributeTypes, used);
        JsonNode projection = index.path("Projection");
        String type = projection.path("ProjectionType").asText("ALL");
        if (!Set.of("ALL", "KEYS_ONLY", "INCLUDE").contains(type))
            throw DynamoDbException.validation("Invalid ProjectionType: " + type);
        List<String> nonKey = new ArrayList<>();
        projection.path("NonKeyAttributes").forEach(n -> nonKey.add(n.asText()));
        if (type.equals("INCLUDE") != !nonKey.isEmpty()) {
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: NonKeyAttributes must be given exactly when ProjectionType is INCLUDE");
        }
        return new IndexDefinition(name, global, key, type, nonKey);
    }

    // ---- describing

    ObjectNode describe(TableDefinition table, String status) {
        ObjectNode d = ValueJson.NODES.objectNode();
        d.put("TableName", table.name());
        d.put("TableArn", table.arn());
        d.put("TableId", table.id());
        d.put("TableStatus", status);
        d.put("CreationDateTime", table.createdMillis() / 1000.0);
        ArrayNode definitions = d.putArray("AttributeDefinitions");
        table.attributeTypes()
                .forEach((name, type) ->
                        definitions.addObject().put("AttributeName", name).put("AttributeType", type));
        d.set("KeySchema", keySchema(table.key()));
        long itemCount = status.equals("ACTIVE") ? storage.items(table).sizeAsLong() : 0;
        d.put("ItemCount", itemCount);
        d.put("TableSizeBytes", 0);
        d.set("ProvisionedThroughput", throughput());
        d.putObject("BillingModeSummary").put("BillingMode", table.billingMode());
        ArrayNode gsis = ValueJson.NODES.arrayNode();
        ArrayNode lsis = ValueJson.NODES.arrayNode();
        for (IndexDefinition index : table.indexes()) {
            ObjectNode i = (index.global() ? gsis : lsis).addObject();
            i.put("IndexName", index.name());
            i.set("KeySchema", keySchema(index.key()));
            ObjectNode projection = i.putObject("Projection");
            projection.put("ProjectionType", index.projectionType());
            if (!index.nonKeyAttributes().isEmpty()) {
                ArrayNode nonKey = projection.putArray("NonKeyAttributes");
                index.nonKeyAttributes().forEach(nonKey::add);
            }
            if (index.global()) {
                i.put("IndexStatus", "ACTIVE");
                i.set("ProvisionedThroughput", throughput());
            }
            i.put("IndexArn", table.arn() + "/index/" + index.name());
            i.put(
                    "ItemCount",
                    status.equals("ACTIVE") ? storage.index(table, index).sizeAsLong() : 0);
            i.put("IndexSizeBytes", 0);
        }
        if (!gsis.isEmpty()) d.set("GlobalSecondaryIndexes", gsis);
        if (!lsis.isEmpty()) d.set("LocalSecondaryIndexes", lsis);
        if (table.streamEnabled()) {
            d.putObject("StreamSpecification")
                    .put("StreamEnabled", true)
                    .put("StreamViewType", table.stream().viewType());
            d.put("LatestStreamArn", table.stream().arn());
            d.put("LatestStreamLabel", table.stream().label());
        }
        return d;
    }

    static ArrayNode keySchema(KeySchema key) {
        ArrayNode array = ValueJson.NODES.arrayNode();
        array.addObject().put("AttributeName", key.hash().name()).put("KeyType", "HASH");
        if (key.range() != null)
            array.addObject().put("AttributeName", key.range().name()).put("KeyType", "RANGE");
        return array;
    }

    private static ObjectNode throughput() {
        return ValueJson.NODES
                .objectNode()
                .put("NumberOfDecreasesToday", 0)
                .put("ReadCapacityUnits", 0)
                .put("WriteCapacityUnits", 0);
    }
}
