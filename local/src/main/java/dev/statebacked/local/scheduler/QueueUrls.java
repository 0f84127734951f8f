package dev.statebacked.local.scheduler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Finds a queue's URL from its ARN with GetQueueUrl, as the scheduler's SQS target does, and remembers it. */
final class QueueUrls {
    private final SqsClient sqs;
    private final Map<String, String> byArn = new ConcurrentHashMap<>();

    QueueUrls(SqsClient sqs) {
        this.sqs = sqs;
    }

    String urlOf(String queueArn) {
        return byArn.computeIfAbsent(queueArn, arn -> {
            String name = SchedulerArns.queueName(arn);
            if (name == null) {
                throw new IllegalArgumentException("not an SQS queue ARN: " + arn);
            }
            return sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
        });
    }

    /** After a failed send: the queue may have been deleted and created again under another URL. */
    void forget(String queueArn) {
        byArn.remove(queueArn);
    }
}
