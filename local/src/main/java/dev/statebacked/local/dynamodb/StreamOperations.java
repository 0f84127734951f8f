package dev.statebacked.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * The DynamoDB Streams API. Each stream has a single, never-closing shard. A shard iterator is an opaque token
 * carrying the stream ARN and the sequence number after which reading continues, so iterators survive restarts.
 */
final class StreamOperations {
    private static final int MAX_RECORDS = 1000;

    private final Storage storage;

    StreamOperations(Storage storage) {
        this.storage = storage;
    }

    /** The position a shard iterator reads after. */
    private record Position(String streamArn, String shardId, long afterSequence) {
        String encode() {
            String raw = streamArn + "\n" + shardId + "\n" + afterSequence;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String iterator) {
            try {
                String[] parts =
                        new String(Base64.getUrlDecoder().decode(iterator), StandardCharsets.UTF_8).split("\n");
                return new Position(parts[0], parts[1], Long.parseLong(parts[2]));
            } catch (RuntimeException e) {
                throw DynamoDbException.validation("Invalid ShardIterator");
            }
        }
    }

    ObjectNode listStreams(JsonNode request) {
        String tableName = RequestRouter.text(request, "TableName");
        String start = RequestRouter.text(request, "ExclusiveStartStreamArn");
        int limit = request.path("Limit").asInt(100);
        List<TableDefinition> tables = storage.allTables().stream()
                .filter(TableDefinition::streamEnabled)
                .filter(t -> tableName == null || t.name().equals(tableName))
                .sorted(java.util.Comparator.comparing(t -> t.stream().arn()))
                .filter(t -> start == null || t.stream().arn().compareTo(start) > 0)
                .toList();
        ObjectNode response = ValueJson.NODES.objectNode();
        ArrayNode streams = response.putArray("Streams");
        tables.stream()
                .limit(limit)
                .forEach(t -> streams.addObject()
                        .put("StreamArn", t.stream().arn())
                        .put("TableName", t.name())
                        .put("StreamLabel", t.stream().label()));
        if (tables.size() > limit)
            response.put(
                    "LastEvaluatedStreamArn", tables.get(limit - 1).stream().arn());
        return response;
    }

    ObjectNode describeStream(JsonNode request) {
        TableDefinition table = tableOfStream(RequestRouter.required(request, "StreamArn"));
        MVMap<Long, String> stream = storage.stream(table);
        ObjectNode response = ValueJson.NODES.objectNode();
        ObjectNode d = response.putObject("StreamDescription");
        d.put("StreamArn", table.stream().arn());
        d.put("StreamLabel", table.stream().label());
        d.put("StreamStatus", "ENABLED");
        d.put("StreamViewType", table.stream().viewType());
        d.put("CreationRequestDateTime", table.stream().createdMillis() / 1000.0);
        d.put("TableName", table.name());
        d.set("KeySchema", TableOperations.keySchema(table.key()));
        ObjectNode shard = d.putArray("Shards").addObject();
        shard.put("ShardId", shardId(table));
        Long first = stream.isEmpty() ? null : stream.firstKey();
        shard.putObject("SequenceNumberRange")
                .put(
                        "StartingSequenceNumber",
                        StreamRecords.formatSequence(first != null ? first : storage.lastSequenceNumber() + 1));
        return response;
    }

    ObjectNode getShardIterator(JsonNode request) {
        TableDefinition table = tableOfStream(RequestRouter.required(request, "StreamArn"));
        String shardId = RequestRouter.required(request, "ShardId");
        if (!shardId.equals(shardId(table)))
            throw DynamoDbException.resourceNotFound("Requested resource not found: Shard does not exist");
        String type = RequestRouter.required(request, "ShardIteratorType");
        long after = switch (type) {
            case "TRIM_HORIZON" -> 0;
            case "LATEST" -> storage.lastSequenceNumber();
            case "AT_SEQUENCE_NUMBER" -> sequenceNumber(request) - 1;
            case "AFTER_SEQUENCE_NUMBER" -> sequenceNumber(request);
            default -> throw DynamoDbException.validation("Invalid ShardIteratorType: " + type);
        };
        ObjectNode response = ValueJson.NODES.objectNode();
        response.put("ShardIterator", new Position(table.stream().arn(), shardId, after).encode());
        return response;
    }

    ObjectNode getRecords(JsonNode request) {
        Position position = Position.decode(RequestRouter.required(request, "ShardIterator"));
        int limit = request.path("Limit").asInt(MAX_RECORDS);
        if (limit < 1 || limit > MAX_RECORDS)
            throw DynamoDbException.validation("Limit must be between 1 and " + MAX_RECORDS);
        TableDefinition table = tableOfStream(position.streamArn());
        Cursor<Long, String> cursor = storage.stream(table).cursor(position.afterSequence() + 1);
        ObjectNode response = ValueJson.NODES.objectNode();
        ArrayNode records = response.putArray("Records");
        long last = position.afterSequence();
        while (records.size() < limit && cursor.hasNext()) {
            last = cursor.next();
            records.add(parse(cursor.getValue()));
        }
        response.put("NextShardIterator", new Position(position.streamArn(), position.shardId(), last).encode());
        return response;
    }

    private static long sequenceNumber(JsonNode request) {
        try {
            return Long.parseLong(RequestRouter.required(request, "SequenceNumber"));
        } catch (NumberFormatException e) {
            throw DynamoDbException.validation("Invalid SequenceNumber");
        }
    }

    private TableDefinition tableOfStream(String arn) {
        return storage.allTables().stream()
                .filter(t -> t.streamEnabled() && t.stream().arn().equals(arn))
                .findFirst()
                .orElseThrow(() -> DynamoDbException.resourceNotFound(
                        "Requested resource not found: Stream: " + arn + " not found"));
    }

    private static String shardId(TableDefinition table) {
        return "shardId-00000000000000000001-" + table.id().substring(0, 8);
    }

    private static JsonNode parse(String json) {
        try {
            return ValueJson.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Corrupt stream record", e);
        }
    }
}
