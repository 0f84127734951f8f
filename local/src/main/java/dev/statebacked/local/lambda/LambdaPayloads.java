package dev.statebacked.local.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The JSON documents that go over the Runtime API: events as the AWS services write them, responses as the
 * runtime serializes the handlers' return values.
 */
public final class LambdaPayloads {
    private static final ObjectMapper WRITER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    // the runtime's serializer matches property names without regard to case, and so does this reader
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private LambdaPayloads() {}

    /** An HTTP API payload-2.0 event; the event's property names are already API Gateway's. */
    public static byte[] httpEvent(APIGatewayV2HTTPEvent event) {
        return bytes(WRITER.valueToTree(event));
    }

    public static APIGatewayV2HTTPResponse httpResponse(byte[] payload) {
        return read(payload, APIGatewayV2HTTPResponse.class);
    }

    /** An SQS event with the names Lambda's event source mapping uses ({@code Records}, {@code eventSourceARN}). */
    public static byte[] sqsEvent(SQSEvent event) {
        ObjectNode records = WRITER.createObjectNode();
        var array = records.putArray("Records");
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            ObjectNode record = WRITER.valueToTree(message);
            record.set("eventSourceARN", record.remove("eventSourceArn"));
            array.add(record);
        }
        return bytes(records);
    }

    public static SQSBatchResponse batchResponse(byte[] payload) {
        return read(payload, SQSBatchResponse.class);
    }

    /** A WebSocket API event; like the HTTP API's, its property names are already API Gateway's. */
    public static byte[] webSocketEvent(APIGatewayV2WebSocketEvent event) {
        return bytes(WRITER.valueToTree(event));
    }

    public static APIGatewayV2WebSocketResponse webSocketResponse(byte[] payload) {
        return read(payload, APIGatewayV2WebSocketResponse.class);
    }

    /**
     * A DynamoDB stream event as the event source mapping writes it: {@code Records}, {@code eventSourceARN}, and
     * inside {@code dynamodb} the service's own capitalized names ({@code NewImage}, {@code S}, {@code N}, ...).
     */
    public static byte[] streamEvent(DynamodbEvent event) {
        ObjectNode root = WRITER.createObjectNode();
        var array = root.putArray("Records");
        for (DynamodbEvent.DynamodbStreamRecord source : event.getRecords()) {
            ObjectNode record = array.addObject()
                    .put("eventID", source.getEventID())
                    .put("eventName", source.getEventName())
                    .put("eventVersion", source.getEventVersion())
                    .put("eventSource", source.getEventSource())
                    .put("awsRegion", source.getAwsRegion())
                    .put("eventSourceARN", source.getEventSourceARN());
            var change = source.getDynamodb();
            ObjectNode dynamodb = record.putObject("dynamodb")
                    .put("SequenceNumber", change.getSequenceNumber())
                    .put("SizeBytes", change.getSizeBytes())
                    .put("StreamViewType", change.getStreamViewType());
            if (change.getApproximateCreationDateTime() != null) {
                dynamodb.put(
                        "ApproximateCreationDateTime",
                        change.getApproximateCreationDateTime().getTime() / 1000);
            }
            dynamodb.set("Keys", image(change.getKeys()));
            if (change.getNewImage() != null) dynamodb.set("NewImage", image(change.getNewImage()));
            if (change.getOldImage() != null) dynamodb.set("OldImage", image(change.getOldImage()));
            if (source.getUserIdentity() != null) {
                // a deletion by time to live, in the shape Lambda delivers it (lower-case names, unlike dynamodb's)
                record.putObject("userIdentity")
                        .put("type", source.getUserIdentity().getType())
                        .put("principalId", source.getUserIdentity().getPrincipalId());
            }
        }
        return bytes(root);
    }

    public static StreamsEventResponse streamsResponse(byte[] payload) {
        return read(payload, StreamsEventResponse.class);
    }

    /** Strings and numbers, the only types the service writes. */
    private static ObjectNode image(Map<String, AttributeValue> values) {
        ObjectNode image = WRITER.createObjectNode();
        values.forEach((name, value) -> {
            if (value.getS() != null) image.putObject(name).put("S", value.getS());
            else if (value.getN() != null) image.putObject(name).put("N", value.getN());
        });
        return image;
    }

    /** The payload of a successful invocation; a failed one is an {@link InvocationFailedException}. */
    public static byte[] successful(String function, InvocationResult result) {
        return switch (result) {
            case InvocationResult.Success success -> success.payload();
            case InvocationResult.Failure failure -> throw new InvocationFailedException(function, failure);
        };
    }

    private static <T> T read(byte[] payload, Class<T> type) {
        try {
            return READER.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException("the function's response is not a " + type.getSimpleName(), e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return WRITER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The function failed (threw, crashed, timed out): what an AWS service sees as an integration failure. */
    public static final class InvocationFailedException extends RuntimeException {
        private final InvocationResult.Failure failure;

        InvocationFailedException(String function, InvocationResult.Failure failure) {
            super(function + " failed: " + failure.describe());
            this.failure = failure;
        }

        public InvocationResult.Failure failure() {
            return failure;
        }
    }
}
