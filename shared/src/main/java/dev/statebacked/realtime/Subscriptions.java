package dev.statebacked.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.auth.Caller;
import dev.statebacked.auth.Scope;
import dev.statebacked.instances.InstanceKeys;
import dev.statebacked.json.Json;
import dev.statebacked.messaging.InstanceAddress;
import dev.statebacked.store.ConflictingWriteException;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.ItemStore;
import dev.statebacked.store.Page;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Connections and their subscriptions in the table. A subscription is kept twice in one transaction: under its
 * instance (what an update fans out to, one query) and under its connection (what a disconnect removes). Items
 * expire by TTL an hour after their connection's token, which cleans up after connections that vanished without
 * a {@code $disconnect}; TTL deletes late, so readers check the expiry themselves.
 */
public final class Subscriptions {
    private static final String CONNECTION = "conn";
    private static final String MARKER_PREFIX = "sub#";
    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofHours(1);
    private static final int PAGE = 100;

    private final ItemStore store;

    public Subscriptions(ItemStore store) {
        this.store = store;
    }

    public void open(Connection connection) {
        ObjectNode body = Json.MAPPER
                .createObjectNode()
                .put("orgId", connection.caller().orgId())
                .put("keyId", connection.caller().keyId())
                .put("tokenExpiresAt", connection.tokenExpiresAt().toEpochMilli());
        var scopes = body.putArray("scopes");
        connection.caller().scopes().forEach(scope -> scopes.add(scope.wireName()));
        body.set("authContext", connection.caller().authContext());
        store.write(new Write.Put(StoredItem.of(connectionKey(connection.connectionId()), 1, Json.write(body))
                .expiringAt(connection.tokenExpiresAt().plus(KEPT_AFTER_EXPIRY))));
    }

    public Optional<Connection> connection(String connectionId) {
        return store.get(connectionKey(connectionId)).map(item -> {
            JsonNode body = Json.readStored(item.body());
            Set<Scope> scopes = new java.util.HashSet<>();
            body.path("scopes")
                    .forEach(scope -> Scope.fromWireName(scope.asText()).ifPresent(scopes::add));
            return new Connection(
                    connectionId,
                    new Caller(
                            body.path("orgId").asText(), body.path("keyId").asText(), scopes, body.path("authContext")),
                    Instant.ofEpochMilli(body.path("tokenExpiresAt").asLong()));
        });
    }

    /** Adds or replaces the connection's subscription under this request id. */
    public void subscribe(Subscription subscription) {
        store.writeAll(writes(subscription));
    }

    /**
     * Adds or replaces the subscription only while the instance's item is still at the subscription's
     * {@code fromSequence}, in one transaction: every later write of the instance then finds it. False when the
     * instance has moved on (or is gone).
     */
    public boolean subscribeWhileAt(Subscription subscription) {
        List<Write> writes = new ArrayList<>(writes(subscription));
        writes.add(new Write.RequireSequence(
                InstanceKeys.instance(
                        subscription.orgId(),
                        subscription.instance().machineName(),
                        subscription.instance().instanceName()),
                subscription.fromSequence()));
        try {
            store.writeAll(writes);
            return true;
        } catch (ConflictingWriteException e) {
            return false;
        }
    }

    private static List<Write> writes(Subscription subscription) {
        String body = toBody(subscription);
        Instant expires = subscription.tokenExpiresAt().plus(KEPT_AFTER_EXPIRY);
        return List.of(
                new Write.Put(
                        StoredItem.of(underInstance(subscription), 1, body).expiringAt(expires)),
                new Write.Put(
                        StoredItem.of(underConnection(subscription), 1, body).expiringAt(expires)));
    }

    public void unsubscribe(Subscription subscription) {
        store.writeAll(List.of(
                new Write.Delete(underInstance(subscription)), new Write.Delete(underConnection(subscription))));
    }

    /** Every subscription to the instance, whichever connection holds it. */
    public List<Subscription> of(String orgId, InstanceAddress instance) {
        return all(instancePartition(orgId, instance), "");
    }

    /** Forgets the connection and all its subscriptions. */
    public void close(String connectionId) {
        for (Subscription subscription : all(connectionKey(connectionId).partition(), MARKER_PREFIX)) {
            unsubscribe(subscription);
        }
        store.write(new Write.Delete(connectionKey(connectionId)));
    }

    private List<Subscription> all(String partition, String sortPrefix) {
        List<Subscription> found = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page page = store.query(partition, sortPrefix, PAGE, cursor, true);
            page.items().forEach(item -> found.add(fromBody(Json.readStored(item.body()))));
            cursor = page.cursor();
        } while (cursor.isPresent());
        return found;
    }

    private static String toBody(Subscription subscription) {
        ObjectNode body = Json.MAPPER
                .createObjectNode()
                .put("connectionId", subscription.connectionId())
                .put("requestId", subscription.requestId())
                .put("orgId", subscription.orgId())
                .put("machineName", subscription.instance().machineName())
                .put("instanceName", subscription.instance().instanceName())
                .put("tokenExpiresAt", subscription.tokenExpiresAt().toEpochMilli())
                .put("fromSequence", subscription.fromSequence());
        body.set("authContext", subscription.authContext());
        return Json.write(body);
    }

    private static Subscription fromBody(JsonNode body) {
        return new Subscription(
                body.path("connectionId").asText(),
                body.path("requestId").asText(),
                body.path("orgId").asText(),
                new InstanceAddress(
                        body.path("machineName").asText(),
                        body.path("instanceName").asText()),
                body.path("authContext"),
                Instant.ofEpochMilli(body.path("tokenExpiresAt").asLong()),
                body.path("fromSequence").asLong());
    }

    private static ItemKey connectionKey(String connectionId) {
        return new ItemKey("rt#conn#" + connectionId, CONNECTION);
    }

    private static String instancePartition(String orgId, InstanceAddress instance) {
        return "rt#subs#" + orgId + "#" + instance.machineName() + "#" + instance.instanceName();
    }

    private static ItemKey underInstance(Subscription s) {
        return new ItemKey(instancePartition(s.orgId(), s.instance()), s.connectionId() + "#" + s.requestId());
    }

    /** Names the instance and the request id, so that one connection may subscribe to many instances. */
    private static ItemKey underConnection(Subscription s) {
        return new ItemKey(
                connectionKey(s.connectionId()).partition(),
                MARKER_PREFIX + s.orgId() + "#" + s.instance().machineName() + "#"
                        + s.instance().instanceName() + "#" + s.requestId());
    }
}
