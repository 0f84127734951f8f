package dev.statebacked.local.streams;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** Converts DynamoDB Streams records (SDK v2) into the Lambda event the stream trigger delivers. */
final class StreamRecords {
    private StreamRecords() {}

    static DynamodbEvent toEvent(List<Record> records, String streamArn, String region) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(
                records.stream().map(r -> toRecord(r, streamArn, region)).toList());
        return event;
    }

    private static DynamodbEvent.DynamodbStreamRecord toRecord(Record source, String streamArn, String region) {
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID(source.eventID());
        record.setEventName(source.eventNameAsString());
        record.setEventVersion(source.eventVersion());
        record.setEventSource("aws:dynamodb");
        record.setAwsRegion(region);
        record.setEventSourceARN(streamArn);
        var data = source.dynamodb();
        StreamRecord stream = new StreamRecord();
        stream.setSequenceNumber(data.sequenceNumber());
        stream.setSizeBytes(data.sizeBytes());
        stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(
                data.streamViewTypeAsString()));
        if (data.approximateCreationDateTime() != null) {
            stream.setApproximateCreationDateTime(Date.from(data.approximateCreationDateTime()));
        }
        stream.setKeys(map(data.keys()));
        if (data.hasNewImage()) {
            stream.setNewImage(map(data.newImage()));
        }
        if (data.hasOldImage()) {
            stream.setOldImage(map(data.oldImage()));
        }
        record.setDynamodb(stream);
        // a deletion by time to live says so, as on AWS: the service's identity, the one way to tell it apart
        if (source.userIdentity() != null) {
            record.setUserIdentity(new com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity()
                    .withType(source.userIdentity().type())
                    .withPrincipalId(source.userIdentity().principalId()));
        }
        return record;
    }

    private static Map<String, AttributeValue> map(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> values) {
        Map<String, AttributeValue> converted = new LinkedHashMap<>();
        values.forEach((name, value) -> converted.put(name, value(value)));
        return converted;
    }

    private static AttributeValue value(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        AttributeValue out = new AttributeValue();
        switch (v.type()) {
            case S -> out.setS(v.s());
            case N -> out.setN(v.n());
            case B -> out.setB(v.b().asByteBuffer());
            case SS -> out.setSS(v.ss());
            case NS -> out.setNS(v.ns());
            case BS -> out.setBS(v.bs().stream().map(b -> b.asByteBuffer()).toList());
            case M -> out.setM(map(v.m()));
            case L -> out.setL(v.l().stream().map(StreamRecords::value).toList());
            case BOOL -> out.setBOOL(v.bool());
            case NUL -> out.setNULL(true);
            default -> throw new IllegalArgumentException("unsupported attribute type " + v.type());
        }
        return out;
    }
}
