package dev.statebacked.messaging;

import com.fasterxml.jackson.databind.JsonNode;

/** Delivers one kind of queue message; throwing leaves the message for SQS to redeliver. */
public interface MessageHandler {
    String kind();

    void deliver(String messageId, JsonNode message);
}
