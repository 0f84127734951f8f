package dev.statebacked.api;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.auth.Caller;
import dev.statebacked.auth.InvalidTokenException;
import dev.statebacked.auth.OrgAccessDeniedException;
import dev.statebacked.auth.OrgDirectory;
import dev.statebacked.auth.Scope;
import dev.statebacked.auth.TokenVerifier;
import dev.statebacked.failures.Conflict;
import dev.statebacked.failures.DomainException;
import dev.statebacked.instances.Instance;
import dev.statebacked.instances.InstanceProcessor;
import dev.statebacked.messaging.InstanceAddress;
import dev.statebacked.realtime.Connection;
import dev.statebacked.realtime.ConnectionGateway;
import dev.statebacked.realtime.ServerMessage;
import dev.statebacked.realtime.Subscription;
import dev.statebacked.realtime.Subscriptions;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The real-time protocol's edge ({@code GET /rt}): the upgrade authenticates with the {@code token} query
 * parameter, then each client message subscribes, unsubscribes or pings. A refused subscription is answered with
 * an {@code error} message in the HTTP API's terms (status and code), never by closing the socket.
 */
public final class RealtimeOperations {
    /** What the upgrade answers. */
    public enum Upgrade {
        ACCEPTED(200),
        UNAUTHORIZED(401),
        FORBIDDEN(403);

        public final int status;

        Upgrade(int status) {
            this.status = status;
        }
    }

    private static final String PONG = "{\"type\":\"pong\"}";

    /** How many times a subscription catches up with an instance that moved on while it was being stored. */
    private static final int SUBSCRIBE_ROUNDS = 20;

    private final TokenVerifier tokens;
    private final OrgDirectory orgs;
    private final Subscriptions subscriptions;
    private final ConnectionGateway connections;
    private final InstanceProcessor instances;
    private final Clock clock;

    public RealtimeOperations(
            TokenVerifier tokens,
            OrgDirectory orgs,
            Subscriptions subscriptions,
            ConnectionGateway connections,
            InstanceProcessor instances,
            Clock clock) {
        this.tokens = tokens;
        this.orgs = orgs;
        this.subscriptions = subscriptions;
        this.connections = connections;
        this.instances = instances;
        this.clock = clock;
    }

    /** {@code $connect}: a token that verifies (and the org the client names, if any, is the token's). */
    public Upgrade connect(String connectionId, Map<String, String> query) {
        String token = query.getOrDefault("token", "");
        Caller caller;
        Instant expiresAt;
        try {
            caller = tokens.verify(token);
            expiresAt = JWT.decode(token).getExpiresAtAsInstant().plusSeconds(TokenVerifier.LEEWAY_SECONDS);
        } catch (InvalidTokenException | com.auth0.jwt.exceptions.JWTDecodeException e) {
            return Upgrade.UNAUTHORIZED;
        }
        try {
            caller = orgs.actIn(caller, query.getOrDefault("x-statebacked-org-id", ""));
        } catch (OrgAccessDeniedException e) {
            return Upgrade.FORBIDDEN;
        }
        subscriptions.open(new Connection(connectionId, caller, expiresAt));
        return Upgrade.ACCEPTED;
    }

    /** {@code $default}: one client message. */
    public void message(String connectionId, String text) {
        Optional<Connection> connection = subscriptions.connection(connectionId);
        if (connection.isEmpty() || !connection.get().tokenExpiresAt().isAfter(clock.instant())) {
            connections.close(connectionId); // the client reconnects, with a fresh token if it has one
            return;
        }
        JsonNode message;
        try {
            message = RequestJson.readBody(text);
        } catch (ApiException e) {
            refuse(connectionId, null, e);
            return;
        }
        String requestId = message.path("requestId").isTextual()
                ? message.path("requestId").asText()
                : null;
        try {
            switch (message.path("type").asText()) {
                case "subscribe-to-instance" -> subscribe(connection.get(), requestId, message);
                case "unsubscribe-from-instance" ->
                    subscriptions.unsubscribe(subscription(connection.get(), requestId, address(message), 0));
                // API Gateway closes a connection idle for 10 minutes, CloudFront one the server was silent on for
                // as long: the answer keeps both open (the client ignores messages of types it does not know)
                case "ping" -> connections.post(connectionId, PONG);
                default ->
                    throw ApiException.invalidParameter(
                            "type", "type must be subscribe-to-instance, unsubscribe-from-instance or ping");
            }
        } catch (ApiException e) {
            refuse(connectionId, requestId, e);
        } catch (DomainException e) {
            refuse(connectionId, requestId, DomainFailures.toApiException(e));
        }
    }

    /** {@code $disconnect}. */
    public void disconnect(String connectionId) {
        subscriptions.close(connectionId);
    }

    /**
     * Sends the instance's state, then stores the subscription on the condition that the instance is still at that
     * write: every later write then reaches the subscriber through the fan-out, after this state, and none before
     * or twice (the fan-out sends only writes after the one the subscription names). When the instance moved on in
     * between, its newer state is sent and stored the same way, so the subscriber sees states only move forward.
     */
    private void subscribe(Connection connection, String requestId, JsonNode message) {
        Authenticator.requireScope(connection.caller(), Scope.STATE_READ);
        InstanceAddress address = address(message);
        for (int round = 0; round < SUBSCRIBE_ROUNDS; round++) {
            Instance current = instances.readable(connection.caller(), address.machineName(), address.instanceName());
            connections.post(
                    connection.connectionId(),
                    ServerMessage.InstanceUpdate.of(current).toJson());
            if (subscriptions.subscribeWhileAt(subscription(connection, requestId, address, current.sequence()))) {
                return;
            }
        }
        throw new Conflict("the instance kept changing while the subscription was being stored; subscribe again");
    }

    private static InstanceAddress address(JsonNode message) {
        return new InstanceAddress(
                Names.require("machineName", message.path("machineName").asText(null)),
                Names.require(
                        "machineInstanceName",
                        message.path("machineInstanceName").asText(null)));
    }

    private static Subscription subscription(
            Connection connection, String requestId, InstanceAddress address, long sentSequence) {
        requireRequestId(requestId);
        return new Subscription(
                connection.connectionId(),
                requestId,
                connection.caller().orgId(),
                address,
                connection.caller().authContext(),
                connection.tokenExpiresAt(),
                sentSequence);
    }

    private static void requireRequestId(String requestId) {
        if (requestId == null || requestId.isEmpty() || requestId.length() > 128) {
            throw ApiException.invalidParameter("requestId", "requestId must be a string of 1 to 128 characters");
        }
    }

    private void refuse(String connectionId, String requestId, ApiException e) {
        connections.post(connectionId, new ServerMessage.Error(requestId, e.status(), e.code()).toJson());
    }
}
