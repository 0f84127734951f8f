package dev.statebacked.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.api.Json;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a queue message to the handler of its {@code kind}. A message that cannot be delivered
 * (unparseable, unknown kind, handler failure) is reported as failed, so the queue's redrive policy
 * retries it and finally parks it in the dead-letter queue instead of losing it.
 */
public final class MessageDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(MessageDispatcher.class);
    private final Map<String, MessageHandler> handlers;

    public MessageDispatcher(List<MessageHandler> handlers) {
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(MessageHandler::kind, Function.identity()));
    }

    /** Returns true when the message was delivered and may be deleted from the queue. */
    public boolean deliver(String messageId, String body) {
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            LOG.warn("message {} is not JSON; leaving it for the dead-letter queue", messageId);
            return false;
        }
        String kind = message.path("kind").asText("");
        MessageHandler handler = handlers.get(kind);
        if (handler == null) {
            LOG.warn("message {} has unknown kind '{}'; leaving it for the dead-letter queue", messageId, kind);
            return false;
        }
        try {
            handler.deliver(message.path("id").asText(messageId), message);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("message {} of kind {} failed: {}", messageId, kind, e.toString());
            return false;
        }
    }
}
