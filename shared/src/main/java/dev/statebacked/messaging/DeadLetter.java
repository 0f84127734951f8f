package dev.statebacked.messaging;

import java.time.Instant;

/**
 * A message parked in the dead-letter queue. {@code receiveCount} is SQS's ApproximateReceiveCount as the listing
 * saw it: it carries over from the work queue and counts every receive, the listing's own included.
 */
public record DeadLetter(String messageId, String body, Instant sentAt, int receiveCount) {}
