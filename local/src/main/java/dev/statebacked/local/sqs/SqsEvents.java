package dev.statebacked.local.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Turns messages received through the SDK into the event Lambda gives an SQS-triggered function. */
final class SqsEvents {
    private SqsEvents() {}

    static SQSEvent toEvent(List<Message> messages, String queueArn, String region) {
        SQSEvent event = new SQSEvent();
        event.setRecords(
                messages.stream().map(m -> toRecord(m, queueArn, region)).toList());
        return event;
    }

    /** {@code arn:aws:sqs:us-east-1:000000000000:name} gives {@code us-east-1}. */
    static String regionOf(String queueArn) {
        String[] parts = queueArn.split(":", 6);
        if (parts.length != 6 || !parts[2].equals("sqs")) {
            throw new IllegalArgumentException("not an SQS queue ARN: " + queueArn);
        }
        return parts[3];
    }

    private static SQSEvent.SQSMessage toRecord(Message message, String queueArn, String region) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
        // ApproximateReceiveCount, SentTimestamp, ApproximateFirstReceiveTimestamp, SenderId, ...
        record.setAttributes(new LinkedHashMap<>(message.attributesAsStrings()));
        Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
        message.messageAttributes().forEach((name, value) -> attributes.put(name, toAttribute(value)));
        record.setMessageAttributes(attributes);
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion(region);
        return record;
    }

    private static SQSEvent.MessageAttribute toAttribute(MessageAttributeValue value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType(value.dataType());
        attribute.setStringValue(value.stringValue());
        if (value.binaryValue() != null) {
            attribute.setBinaryValue(value.binaryValue().asByteBuffer());
        }
        attribute.setStringListValues(value.stringListValues());
        attribute.setBinaryListValues(value.binaryListValues().stream()
                .map(SdkBytes::asByteBuffer)
                .map(ByteBuffer::asReadOnlyBuffer)
                .toList());
        return attribute;
    }
}
