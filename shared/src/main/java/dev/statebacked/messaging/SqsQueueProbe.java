package dev.statebacked.messaging;

import dev.statebacked.api.ServiceProbe;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Health of the work queue: it exists and answers. */
public final class SqsQueueProbe implements ServiceProbe {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsQueueProbe(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public String name() {
        return "sqs";
    }

    @Override
    public void check() {
        sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN));
    }
}
