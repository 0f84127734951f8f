package dev.statebacked.local.dynamodb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * An error returned to the client in DynamoDB's JSON shape. The SDK picks the typed exception from the part of
 * {@code __type} after '#', so the codes here must be DynamoDB's exact shape names.
 */
final class DynamoDbException extends RuntimeException {
    private static final String PREFIX = "com.amazonaws.dynamodb.v20120810#";

    private final String code;
    private final int httpStatus;
    private final Consumer<ObjectNode> extraFields;

    DynamoDbException(String code, String message, int httpStatus, Consumer<ObjectNode> extraFields) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
        this.extraFields = extraFields;
    }

    static DynamoDbException validation(String message) {
        return new DynamoDbException("ValidationException", message, 400, n -> {});
    }

    static DynamoDbException resourceNotFound(String message) {
        return new DynamoDbException("ResourceNotFoundException", message, 400, n -> {});
    }

    static DynamoDbException resourceInUse(String message) {
        return new DynamoDbException("ResourceInUseException", message, 400, n -> {});
    }

    static DynamoDbException tableNotFound(String table) {
        return resourceNotFound("Requested resource not found: Table: " + table + " not found");
    }

    static DynamoDbException conditionalCheckFailed(ObjectNode itemOrNull) {
        return new DynamoDbException("ConditionalCheckFailedException", "The conditional request failed", 400, n -> {
            if (itemOrNull != null) n.set("Item", itemOrNull);
        });
    }

    String code() {
        return code;
    }

    int httpStatus() {
        return httpStatus;
    }

    ObjectNode toJson() {
        ObjectNode node = ValueJson.NODES.objectNode();
        node.put("__type", PREFIX + code);
        // DynamoDB says "message" for most errors and "Message" for TransactionCanceledException; the SDK reads both.
        node.put("message", getMessage());
        extraFields.accept(node);
        return node;
    }
}
