package dev.statebacked.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes DynamoDB's JSON 1.0 protocol: every call is a POST to "/" whose {@code X-Amz-Target} header names the
 * operation ({@code DynamoDB_20120810.PutItem}, {@code DynamoDBStreams_20120810.GetRecords}) and whose body is the
 * request as JSON. Errors go back as HTTP 400 with {@code __type} naming the exception.
 */
final class RequestRouter implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RequestRouter.class);
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    private final Map<String, Function<JsonNode, ObjectNode>> operations = new HashMap<>();

    RequestRouter(Storage storage) {
        TableOperations tables = new TableOperations(storage);
        ItemOperations items = new ItemOperations(storage);
        QueryOperations queries = new QueryOperations(storage);
        BatchOperations batches = new BatchOperations(storage, items);
        TransactionOperations transactions = new TransactionOperations(storage, items);
        StreamOperations streams = new StreamOperations(storage);
        String ddb = "DynamoDB_20120810.";
        operations.put(ddb + "CreateTable", tables::createTable);
        operations.put(ddb + "DescribeTable", tables::describeTable);
        operations.put(ddb + "ListTables", tables::listTables);
        operations.put(ddb + "DeleteTable", tables::deleteTable);
        operations.put(ddb + "UpdateTable", tables::updateTable);
        operations.put(ddb + "UpdateTimeToLive", tables::updateTimeToLive);
        operations.put(ddb + "DescribeTimeToLive", tables::describeTimeToLive);
        operations.put(ddb + "GetItem", items::getItem);
        operations.put(ddb + "PutItem", items::putItem);
        operations.put(ddb + "UpdateItem", items::updateItem);
        operations.put(ddb + "DeleteItem", items::deleteItem);
        operations.put(ddb + "Query", queries::query);
        operations.put(ddb + "Scan", queries::scan);
        operations.put(ddb + "BatchGetItem", batches::batchGetItem);
        operations.put(ddb + "BatchWriteItem", batches::batchWriteItem);
        operations.put(ddb + "TransactWriteItems", transactions::transactWriteItems);
        operations.put(ddb + "TransactGetItems", transactions::transactGetItems);
        String streamsPrefix = "DynamoDBStreams_20120810.";
        operations.put(streamsPrefix + "ListStreams", streams::listStreams);
        operations.put(streamsPrefix + "DescribeStream", streams::describeStream);
        operations.put(streamsPrefix + "GetShardIterator", streams::getShardIterator);
        operations.put(streamsPrefix + "GetRecords", streams::getRecords);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        int status = 200;
        ObjectNode response;
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Function<JsonNode, ObjectNode> operation = target == null ? null : operations.get(target);
            if (!"POST".equals(exchange.getRequestMethod()) || operation == null) {
                throw new DynamoDbException("UnknownOperationException", "Unknown operation: " + target, 400, n -> {});
            }
            JsonNode request;
            try {
                request = body.length == 0 ? ValueJson.NODES.objectNode() : ValueJson.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new DynamoDbException("SerializationException", "Malformed JSON request body", 400, n -> {});
            }
            response = operation.apply(request);
            addConsumedCapacity(request, response);
        } catch (DynamoDbException e) {
            status = e.httpStatus();
            response = e.toJson();
        } catch (RuntimeException e) {
            LOG.error("DynamoDB emulator failed on {}", target, e);
            status = 500;
            response = new DynamoDbException("InternalServerError", "Internal error: " + e, 500, n -> {}).toJson();
        }
        byte[] bytes = ValueJson.MAPPER.writeValueAsBytes(response);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        // The SDK verifies this checksum when present; sending it catches truncated responses in tests.
        exchange.getResponseHeaders().set("x-amz-crc32", Long.toString(crc.getValue()));
        exchange.getResponseHeaders()
                .set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Capacity is not metered; when asked for, report one unit per table touched so that code logging
     * ConsumedCapacity finds the shape it expects.
     */
    private static void addConsumedCapacity(JsonNode request, ObjectNode response) {
        String mode = request.path("ReturnConsumedCapacity").asText("NONE");
        if (mode.equals("NONE")) return;
        java.util.Set<String> tables = new java.util.TreeSet<>();
        if (request.hasNonNull("TableName")) tables.add(request.get("TableName").asText());
        request.path("RequestItems").fieldNames().forEachRemaining(tables::add);
        for (JsonNode item : request.path("TransactItems"))
            item.elements()
                    .forEachRemaining(op -> tables.add(op.path("TableName").asText()));
        java.util.List<ObjectNode> capacities = tables.stream()
                .map(t -> ValueJson.NODES.objectNode().put("TableName", t).put("CapacityUnits", 1.0))
                .toList();
        if (request.hasNonNull("TableName")) {
            response.set("ConsumedCapacity", capacities.get(0));
        } else {
            capacities.forEach(response.putArray("ConsumedCapacity")::add);
        }
    }

    static String text(JsonNode request, String field) {
        JsonNode n = request.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    static String required(JsonNode request, String field) {
        String value = text(request, field);
        if (value == null) {
            throw DynamoDbException.validation(
                    "1 validation error detected: Value null at '" + Character.toLowerCase(field.charAt(0))
                            + field.substring(1) + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }
}
