package dev.statebacked.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.engine.PersistedState;
import dev.statebacked.instances.Instance;
import dev.statebacked.instances.InstanceRepository;
import dev.statebacked.json.Json;
import dev.statebacked.messaging.InstanceAddress;
import dev.statebacked.store.InMemoryItemStore;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import dev.statebacked.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The fan-out of written transitions to subscribers, on the in-memory store and a recording gateway. */
class UpdateFanoutTest {
    private static final String ORG = "org_1";
    private static final InstanceAddress ADDRESS = new InstanceAddress("m", "i1");
    /** The write subscribers were sent when they subscribed: the instances published here are later ones. */
    private static final long SUBSCRIBED_AT_SEQUENCE = -1;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T12:00:00Z"));
    private final InMemoryItemStore store = new InMemoryItemStore();
    private final Subscriptions subscriptions = new Subscriptions(store);
    private final RecordingConnections connections = new RecordingConnections();
    private final InstanceRepository instances = new InstanceRepository(store, java.time.Duration.ofDays(30));
    /** allowRead: everyone but the end user "barred". */
    private final UpdateFanout fanout = new UpdateFanout(
            subscriptions,
            connections,
            instances,
            (instance, contexts) -> contexts.stream()
                    .map(context -> !context.path("sub").asText().equals("barred"))
                    .toList(),
            clock);

    @Test
    void everySubscriberThatMayReadGetsTheWrittenState() {
        subscribe("c1", "alice", Duration.ofMinutes(5));
        subscribe("c2", "bob", Duration.ofMinutes(5));

        fanout.written(Optional.empty(), stateItem(instance("on")));

        assertThat(connections.posted("c1")).singleElement().satisfies(update -> {
            assertThat(update.path("type").asText()).isEqualTo("instance-update");
            assertThat(update.path("machineInstanceName").asText()).isEqualTo("i1");
            assertThat(update.path("state").asText()).isEqualTo("on");
        });
        assertThat(connections.posted("c2")).hasSize(1);
    }

    @Test
    void aSubscriberWhoMayNoLongerReadGetsAnErrorAndIsUnsubscribed() {
        subscribe("c1", "barred", Duration.ofMinutes(5));

        fanout.publish(instance("on"));

        assertThat(connections.posted("c1")).singleElement().satisfies(error -> {
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("requestId").asText()).isEqualTo("req-c1");
            assertThat(error.path("status").asInt()).isEqualTo(403);
            assertThat(error.path("code").asText()).isEqualTo("rejected-by-machine-authorizer");
        });
        assertThat(subscriptions.of(ORG, ADDRESS)).isEmpty();
    }

    @Test
    void aConnectionWhoseTokenExpiredIsClosedInsteadOfUpdated() {
        subscribe("c1", "alice", Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(31));

        fanout.publish(instance("on"));

        assertThat(connections.posted("c1")).isEmpty();
        assertThat(connections.closed).containsExactly("c1");
        assertThat(subscriptions.of(ORG, ADDRESS)).isEmpty();
    }

    @Test
    void aGoneConnectionIsForgottenWithItsSubscriptions() {
        subscribe("c1", "alice", Duration.ofMinutes(5));
        connections.gone.add("c1");

        fanout.publish(instance("on"));

        assertThat(subscriptions.of(ORG, ADDRESS)).isEmpty();
        assertThat(subscriptions.connection("c1")).isEmpty();
    }

    @Test
    void aWriteTheSubscriberWasSentWhenSubscribingIsNotSentAgain() {
        JsonNode authContext = Json.MAPPER.createObjectNode().put("sub", "alice");
        Instant expires = clock.instant().plus(Duration.ofMinutes(5));
        Instance instance = instance("on");
        subscriptions.subscribe(new Subscription("c1", "r1", ORG, ADDRESS, authContext, expires, instance.sequence()));
        subscriptions.subscribe(
                new Subscription("c2", "r2", ORG, ADDRESS, authContext, expires, instance.sequence() - 1));

        fanout.publish(instance);

        assertThat(connections.posted("c1")).isEmpty();
        assertThat(connections.posted("c2")).hasSize(1);
    }

    @Test
    void aWriteThatChangedNeitherTheStateNorItsTimeIsNotPublished() {
        subscribe("c1", "alice", Duration.ofMinutes(5));
        StoredItem written = stateItem(instance("on"));
        StoredItem claimed = new StoredItem(written.key(), written.sequence() + 1, written.body(), Map.of());

        fanout.written(Optional.of(written), claimed);
        fanout.written(Optional.empty(), StoredItem.of(new ItemKey("org#" + ORG + "#m#m#instances", "i1"), 1, "{}"));

        assertThat(connections.posted("c1")).isEmpty();
    }

    private void subscribe(String connectionId, String sub, Duration tokenLifetime) {
        JsonNode authContext = Json.MAPPER.createObjectNode().put("sub", sub);
        subscriptions.subscribe(new Subscription(
                connectionId,
                "req-" + connectionId,
                ORG,
                ADDRESS,
                authContext,
                clock.instant().plus(tokenLifetime),
                SUBSCRIBED_AT_SEQUENCE));
    }

    private Instance instance(String value) {
        return Instance.created(
                ORG,
                ADDRESS.machineName(),
                ADDRESS.instanceName(),
                "v1",
                PersistedState.fromJson("{\"value\":\"" + value
                        + "\",\"context\":{\"public\":{}},\"children\":{},\"done\":false,\"tags\":[]}"),
                clock.instant(),
                Optional.empty());
    }

    /** The instance item as the repository writes it on create. */
    private StoredItem stateItem(Instance instance) {
        return instances.create(instance, Json.MAPPER.createObjectNode(), Optional.empty()).stream()
                .map(write -> ((Write.PutIfAbsent) write).item())
                .filter(item -> item.key().sort().equals("state"))
                .findFirst()
                .orElseThrow();
    }

    private static final class RecordingConnections implements ConnectionGateway {
        final Map<String, List<JsonNode>> posts = new ConcurrentHashMap<>();
        final List<String> closed = new CopyOnWriteArrayList<>();
        final Set<String> gone = ConcurrentHashMap.newKeySet();

        @Override
        public boolean post(String connectionId, String message) {
            if (gone.contains(connectionId)) return false;
            posts.computeIfAbsent(connectionId, id -> new CopyOnWriteArrayList<>())
                    .add(Json.readStored(message));
            return true;
        }

        @Override
        public void close(String connectionId) {
            closed.add(connectionId);
        }

        List<JsonNode> posted(String connectionId) {
            return new ArrayList<>(posts.getOrDefault(connectionId, List.of()));
        }
    }
}
