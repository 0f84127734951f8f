package dev.statebacked.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.messaging.InstanceAddress;
import java.time.Instant;

/**
 * A connection's subscription to one instance, under the client's request id. It carries the subscriber's auth
 * context, because {@code allowRead} decides again for every update, when the connection's token expires, and the
 * instance's write the subscriber was sent last when subscribing: the fan-out sends only later ones.
 */
public record Subscription(
        String connectionId,
        String requestId,
        String orgId,
        InstanceAddress instance,
        JsonNode authContext,
        Instant tokenExpiresAt,
        long fromSequence) {}
