package dev.statebacked.local.dynamodb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;

/** Builds DynamoDB Streams records in the wire shape GetRecords returns. */
final class StreamRecords {

    static String formatSequence(long sequence) {
        return String.format("%021d", sequence);
    }

    ObjectNode record(
            TableDefinition table,
            long sequence,
            Map<String, DynamoValue> oldItem,
            Map<String, DynamoValue> newItem,
            boolean byTtl) {
        String eventName = oldItem == null ? "INSERT" : newItem == null ? "REMOVE" : "MODIFY";
        String viewType = table.stream().viewType();
        ObjectNode record = ValueJson.NODES.objectNode();
        record.put("eventID", UUID.randomUUID().toString().replace("-", ""));
        record.put("eventName", eventName);
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", DynamoDbEmulator.REGION);
        ObjectNode body = record.putObject("dynamodb");
        // Epoch seconds: the JSON 1.0 protocol's timestamp format.
        body.put("ApproximateCreationDateTime", System.currentTimeMillis() / 1000);
        Map<String, DynamoValue> any = newItem != null ? newItem : oldItem;
        body.set("Keys", ValueJson.writeItem(Keys.keyOf(table.key(), any)));
        boolean wantsNew = viewType.equals("NEW_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES");
        boolean wantsOld = viewType.equals("OLD_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES");
        if (wantsNew && newItem != null) body.set("NewImage", ValueJson.writeItem(newItem));
        if (wantsOld && oldItem != null) body.set("OldImage", ValueJson.writeItem(oldItem));
        body.put("SequenceNumber", formatSequence(sequence));
        body.put("SizeBytes", Item.sizeBytes(any));
        body.put("StreamViewType", viewType);
        if (byTtl) {
            ObjectNode identity = record.putObject("userIdentity");
            identity.put("Type", "Service");
            identity.put("PrincipalId", "dynamodb.amazonaws.com");
        }
        return record;
    }
}
