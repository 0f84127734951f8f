package dev.statebacked.testing;

import dev.statebacked.config.AwsClients;
import dev.statebacked.local.LocalStack;
import dev.statebacked.messaging.DeadLetter;
import dev.statebacked.messaging.DeadLetters;
import dev.statebacked.messaging.MessageQueue;
import dev.statebacked.messaging.SqsMessageQueue;
import java.util.Optional;

/**
 * The work queue and dead-letter queue of a running stack, through the real SQS client: what a sending instance's
 * processor puts messages on, and what an operator inspects.
 */
public final class StackQueues implements AutoCloseable {
    private final AwsClients aws;
    private final MessageQueue workQueue;
    private final DeadLetters deadLetters;

    public StackQueues(LocalStack stack) {
        this.aws = new AwsClients(stack.apiEnvironment());
        this.workQueue = new SqsMessageQueue(aws.sqs(), stack.stackFile().workQueueUrl());
        this.deadLetters = new DeadLetters(
                aws.sqs(),
                stack.stackFile().deadLetterQueueUrl(),
                stack.stackFile().workQueueUrl());
    }

    public MessageQueue workQueue() {
        return workQueue;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /** The parked message whose body mentions {@code text} (a message id, an instance name), if any. */
    public Optional<DeadLetter> parked(String text) {
        return deadLetters.list().stream()
                .filter(letter -> letter.body().contains(text))
                .findFirst();
    }

    @Override
    public void close() {
        aws.close();
    }
}
