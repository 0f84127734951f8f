package dev.statebacked.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.instances.Instance;
import dev.statebacked.instances.InstanceRepository;
import dev.statebacked.store.StoredItem;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each written transition of an instance to its subscribers, from the table's stream: only what was
 * durably written, in the instance's order (records of one item arrive in order, and one update is delivered to
 * every subscriber before the next is looked at). {@code allowRead} decides again for each subscriber: one who
 * lost access gets an error for the subscription, which ends. A connection whose token expired is closed; one
 * that is gone is forgotten.
 */
public final class UpdateFanout {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateFanout.class);

    private final Subscriptions subscriptions;
    private final ConnectionGateway connections;
    private final InstanceRepository instances;
    private final ReadAuthorization readers;
    private final Clock clock;
    private final Executor postThreads = PostThreads.shared();

    public UpdateFanout(
            Subscriptions subscriptions,
            ConnectionGateway connections,
            InstanceRepository instances,
            ReadAuthorization readers,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.connections = connections;
        this.instances = instances;
        this.readers = readers;
        this.clock = clock;
    }

    /** A write of an item, as the stream reports it; only an instance item's new transitions are published. */
    public void written(Optional<StoredItem> before, StoredItem after) {
        instances.newTransition(before, after).ifPresent(this::publish);
    }

    /** Sends the instance as it now is to every subscriber that may read it. */
    public void publish(Instance instance) {
        List<Subscription> all = subscriptions.of(instance.orgId(), instance.address());
        if (all.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Subscription> live = new ArrayList<>();
        for (Subscription subscription : all) {
            if (instance.sequence() <= subscription.fromSequence()) {
                continue; // the subscriber was sent this state, or a later one, when it subscribed
            }
            if (subscription.tokenExpiresAt().isAfter(now)) {
                live.add(subscription);
            } else {
                connections.close(subscription.connectionId()); // the client reconnects with a fresh token
                subscriptions.close(subscription.connectionId());
            }
        }
        // allowRead once per distinct auth context: subscribers of one end user (or anonymous ones) share the answer
        List<JsonNode> contexts =
                live.stream().map(Subscription::authContext).distinct().toList();
        List<Boolean> answers = readers.readableBy(instance, contexts);
        java.util.Map<JsonNode, Boolean> answerOf = new java.util.HashMap<>();
        for (int i = 0; i < contexts.size(); i++) {
            answerOf.put(contexts.get(i), answers.get(i));
        }
        List<Boolean> allowed =
                live.stream().map(s -> answerOf.get(s.authContext())).toList();
        String update = ServerMessage.InstanceUpdate.of(instance).toJson();
        // one slow connection must not hold up the others: posts go out at once, and all are done before the next
        List<CompletableFuture<Void>> posts = new ArrayList<>(live.size());
        for (int i = 0; i < live.size(); i++) {
            Subscription subscription = live.get(i);
            boolean mayRead = allowed.get(i);
            posts.add(CompletableFuture.runAsync(() -> deliver(subscription, mayRead, update), postThreads));
        }
        CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).join();
    }

    private void deliver(Subscription subscription, boolean mayRead, String update) {
        try {
            if (!mayRead) {
                subscriptions.unsubscribe(subscription);
                connections.post(
                        subscription.connectionId(),
                        ServerMessage.Error.rejectedByAuthorizer(subscription.requestId())
                                .toJson());
            } else if (!connections.post(subscription.connectionId(), update)) {
                subscriptions.close(subscription.connectionId());
            }
        } catch (RuntimeException e) {
            // a connection that cannot be reached now misses this update; the next one is tried again
            LOG.warn("update to connection {} failed: {}", subscription.connectionId(), e.toString());
        }
    }
}
