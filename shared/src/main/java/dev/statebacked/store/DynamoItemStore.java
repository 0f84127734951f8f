package dev.statebacked.store;

import static dev.statebacked.store.ItemAttributes.BODY;
import static dev.statebacked.store.ItemAttributes.PARTITION;
import static dev.statebacked.store.ItemAttributes.SEQUENCE;
import static dev.statebacked.store.ItemAttributes.SORT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** {@link ItemStore} on one DynamoDB table with string keys {@code pk}/{@code sk}. */
public final class DynamoItemStore implements ItemStore {
    private static final String NOT_EXISTS = "attribute_not_exists(" + PARTITION + ")";
    private static final String SEQUENCE_IS = "#seq = :expected";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoItemStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<StoredItem> get(ItemKey key) {
        var response = dynamoDb.getItem(b -> b.tableName(table).key(keyOf(key)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(fromItem(response.item()))
                : Optional.empty();
    }

    @Override
    public void write(Write write) {
        try {
            switch (write) {
                case Write.Put put -> dynamoDb.putItem(b -> b.tableName(table).item(toItem(put.item())));
                case Write.PutIfAbsent put ->
                    dynamoDb.putItem(b -> b.tableName(table)
                            .item(toItem(put.item()))
                            .conditionExpression(NOT_EXISTS)
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                case Write.PutIfSequence put ->
                    dynamoDb.putItem(b -> b.tableName(table)
                            .item(toItem(put.item()))
                            .conditionExpression(SEQUENCE_IS)
                            .expressionAttributeNames(Map.of("#seq", SEQUENCE))
                            .expressionAttributeValues(Map.of(":expected", number(put.expectedSequence())))
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                case Write.Delete delete ->
                    dynamoDb.deleteItem(b -> b.tableName(table).key(keyOf(delete.key())));
                case Write.DeleteIfSequence delete ->
                    dynamoDb.deleteItem(b -> b.tableName(table)
                            .key(keyOf(delete.key()))
                            .conditionExpression(SEQUENCE_IS)
                            .expressionAttributeNames(Map.of("#seq", SEQUENCE))
                            .expressionAttributeValues(Map.of(":expected", number(delete.expectedSequence())))
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                case Write.RequireSequence check -> writeAll(List.of(check));
            }
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictingWriteException(
                    write.key(),
                    e.hasItem() && !e.item().isEmpty() ? Optional.of(fromItem(e.item())) : Optional.empty());
        }
    }

    @Override
    public void writeAll(List<Write> writes) {
        if (writes.isEmpty()) {
            return;
        }
        List<TransactWriteItem> items = writes.stream().map(this::transactItem).toList();
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            for (int i = 0; i < reasons.size() && i < writes.size(); i++) {
                CancellationReason reason = reasons.get(i);
                if ("ConditionalCheckFailed".equals(reason.code())) {
                    Optional<StoredItem> current =
                            reason.hasItem() && !reason.item().isEmpty()
                                    ? Optional.of(fromItem(reason.item()))
                                    : Optional.empty();
                    throw new ConflictingWriteException(writes.get(i).key(), current);
                }
            }
            throw e;
        }
    }

    /** BatchWriteItem allows this many puts a call. */
    private static final int BATCH_LIMIT = 25;
    /** Unprocessed items (throttling) are sent again this many times, with a growing pause, before it gives up. */
    private static final int BATCH_ATTEMPTS = 8;

    @Override
    public void putAll(List<StoredItem> items) {
        for (int start = 0; start < items.size(); start += BATCH_LIMIT) {
            List<WriteRequest> requests = items.subList(start, Math.min(items.size(), start + BATCH_LIMIT)).stream()
                    .map(item -> WriteRequest.builder()
                            .putRequest(PutRequest.builder().item(toItem(item)).build())
                            .build())
                    .toList();
            batchWrite(requests);
        }
    }

    private void batchWrite(List<WriteRequest> requests) {
        List<WriteRequest> pending = requests;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt == BATCH_ATTEMPTS) {
                throw new IllegalStateException(pending.size() + " items were still unprocessed after " + BATCH_ATTEMPTS
                        + " batch writes to " + table);
            }
            if (attempt > 0) {
                pause(Duration.ofMillis(25L << attempt));
            }
            List<WriteRequest> sent = pending;
            var unprocessed = dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(table, sent)))
                    .unprocessedItems();
            pending = unprocessed.getOrDefault(table, List.of());
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying unprocessed items", e);
        }
    }

    private TransactWriteItem transactItem(Write write) {
        var fail = ReturnValuesOnConditionCheckFailure.ALL_OLD;
        return switch (write) {
            case Write.Put put ->
                TransactWriteItem.builder()
                        .put(Put.builder()
                                .tableName(table)
                                .item(toItem(put.item()))
                                .build())
                        .build();
            case Write.PutIfAbsent put ->
                TransactWriteItem.builder()
                        .put(Put.builder()
                                .tableName(table)
                                .item(toItem(put.item()))
                                .conditionExpression(NOT_EXISTS)
                                .returnValuesOnConditionCheckFailure(fail)
                                .build())
                        .build();
            case Write.PutIfSequence put ->
                TransactWriteItem.builder()
                        .put(Put.builder()
                                .tableName(table)
                                .item(toItem(put.item()))
                                .conditionExpression(SEQUENCE_IS)
                                .expressionAttributeNames(Map.of("#seq", SEQUENCE))
                                .expressionAttributeValues(Map.of(":expected", number(put.expectedSequence())))
                                .returnValuesOnConditionCheckFailure(fail)
                                .build())
                        .build();
            case Write.Delete delete ->
                TransactWriteItem.builder()
                        .delete(Delete.builder()
                                .tableName(table)
                                .key(keyOf(delete.key()))
                                .build())
                        .build();
            case Write.DeleteIfSequence delete ->
                TransactWriteItem.builder()
                        .delete(Delete.builder()
                                .tableName(table)
                                .key(keyOf(delete.key()))
                                .conditionExpression(SEQUENCE_IS)
                                .expressionAttributeNames(Map.of("#seq", SEQUENCE))
                                .expressionAttributeValues(Map.of(":expected", number(delete.expectedSequence())))
                                .returnValuesOnConditionCheckFailure(fail)
                                .build())
                        .build();
            case Write.RequireSequence check ->
                TransactWriteItem.builder()
                        .conditionCheck(ConditionCheck.builder()
                                .tableName(table)
                                .key(keyOf(check.key()))
                                .conditionExpression(SEQUENCE_IS)
                                .expressionAttributeNames(Map.of("#seq", SEQUENCE))
                                .expressionAttributeValues(Map.of(":expected", number(check.expectedSequence())))
                                .returnValuesOnConditionCheckFailure(fail)
                                .build())
                        .build();
        };
    }

    @Override
    public Page query(String partition, String sortPrefix, int limit, Optional<String> cursor, boolean ascending) {
        var request = QueryRequest.builder()
                .tableName(table)
                .consistentRead(true)
                .limit(limit)
                .scanIndexForward(ascending)
                .expressionAttributeNames(Map.of("#pk", PARTITION, "#sk", SORT));
        if (sortPrefix.isEmpty()) {
            request.keyConditionExpression("#pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", string(partition)))
                    .expressionAttributeNames(Map.of("#pk", PARTITION));
        } else {
            request.keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", string(partition), ":prefix", string(sortPrefix)));
        }
        cursor.map(c -> decodeCursor(partition, sortPrefix, c)).ifPresent(request::exclusiveStartKey);
        return page(dynamoDb.query(request.build()));
    }

    @Override
    public Page queryRange(
            String partition, SortKeyCondition condition, int limit, Optional<String> cursor, boolean ascending) {
        var request = QueryRequest.builder()
                .tableName(table)
                .consistentRead(true)
                .limit(limit)
                .scanIndexForward(ascending)
                .keyConditionExpression(
                        "#pk = :pk AND #sk " + condition.comparison().operator() + " :bound")
                .expressionAttributeNames(Map.of("#pk", PARTITION, "#sk", SORT))
                .expressionAttributeValues(Map.of(":pk", string(partition), ":bound", string(condition.bound())));
        cursor.map(c -> {
                    String sort = decodeSort(c);
                    if (!condition.holds(sort)) {
                        throw new InvalidCursorException(c);
                    }
                    return Map.of(PARTITION, string(partition), SORT, string(sort));
                })
                .ifPresent(request::exclusiveStartKey);
        return page(dynamoDb.query(request.build()));
    }

    private static Page page(QueryResponse response) {
        List<StoredItem> items =
                response.items().stream().map(DynamoItemStore::fromItem).toList();
        Optional<String> next = response.hasLastEvaluatedKey()
                        && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(encodeCursor(response.lastEvaluatedKey().get(SORT).s()))
                : Optional.empty();
        return new Page(items, next);
    }

    /**
     * The keys of every item whose sort key is {@code sort}: a scan of the whole table, for maintenance at start-up
     * (the local stack's), never on a request's path.
     */
    public List<ItemKey> keysWithSort(String sort) {
        return dynamoDb
                .scanPaginator(b -> b.tableName(table)
                        .consistentRead(true)
                        .filterExpression("#sk = :sort")
                        .projectionExpression("#pk, #sk")
                        .expressionAttributeNames(Map.of("#pk", PARTITION, "#sk", SORT))
                        .expressionAttributeValues(Map.of(":sort", string(sort))))
                .items()
                .stream()
                .map(item -> new ItemKey(item.get(PARTITION).s(), item.get(SORT).s()))
                .toList();
    }

    private static String encodeCursor(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor names the last item of a page: one outside the listing it is given to was not issued by it. */
    private static Map<String, AttributeValue> decodeCursor(String partition, String sortPrefix, String cursor) {
        String sort = decodeSort(cursor);
        if (!sort.startsWith(sortPrefix)) {
            throw new InvalidCursorException(cursor);
        }
        return Map.of(PARTITION, string(partition), SORT, string(sort));
    }

    private static String decodeSort(String cursor) {
        String sort;
        try {
            sort = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException(cursor);
        }
        if (sort.isEmpty()) {
            throw new InvalidCursorException(cursor);
        }
        return sort;
    }

    private static Map<String, AttributeValue> keyOf(ItemKey key) {
        return Map.of(PARTITION, string(key.partition()), SORT, string(key.sort()));
    }

    private static Map<String, AttributeValue> toItem(StoredItem item) {
        Map<String, AttributeValue> values = new HashMap<>(keyOf(item.key()));
        values.put(SEQUENCE, number(item.sequence()));
        values.put(BODY, string(item.body()));
        item.attributes()
                .forEach((name, value) -> values.put(
                        name, name.equals(ItemAttributes.EXPIRES_AT) ? number(Long.parseLong(value)) : string(value)));
        return values;
    }

    /**
     * An item as a table stream shows it (each attribute's string or number as text); empty for an item that is not
     * the store's (no sequence or body).
     */
    public static Optional<StoredItem> fromStreamImage(Map<String, String> values) {
        if (!values.containsKey(PARTITION) || !values.containsKey(SEQUENCE) || !values.containsKey(BODY)) {
            return Optional.empty();
        }
        Map<String, String> extra = new HashMap<>(values);
        extra.keySet().removeIf(ItemAttributes::isReserved);
        return Optional.of(new StoredItem(
                new ItemKey(values.get(PARTITION), values.get(SORT)),
                Long.parseLong(values.get(SEQUENCE)),
                values.get(BODY),
                extra));
    }

    private static StoredItem fromItem(Map<String, AttributeValue> values) {
        Map<String, String> extra = new HashMap<>();
        values.forEach((name, value) -> {
            if (!ItemAttributes.isReserved(name) && value.s() != null) {
                extra.put(name, value.s());
            } else if (name.equals(ItemAttributes.EXPIRES_AT) && value.n() != null) {
                extra.put(name, value.n());
            }
        });
        return new StoredItem(
                new ItemKey(values.get(PARTITION).s(), values.get(SORT).s()),
                values.containsKey(SEQUENCE)
                        ? Long.parseLong(values.get(SEQUENCE).n())
                        : 0L,
                values.containsKey(BODY) ? values.get(BODY).s() : "",
                extra);
    }

    private static AttributeValue string(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue number(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
