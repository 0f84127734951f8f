package dev.statebacked.realtime;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.auth.Scope;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.RealtimeClient;
import dev.statebacked.testing.RunningStack;
import dev.statebacked.testing.TokenSigner;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real-time subscriptions over {@code /rt} on the local stack: the current state first, then every written
 * transition however caused, {@code allowRead} at subscribe time and for every update, and the token's rules.
 */
class RealtimeSubscriptionsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ApiClient admin = RunningStack.adminClient();
    private static final URI api = RunningStack.get().apiUrl();
    private static MachineInstances instances;
    private static String machine;

    @BeforeAll
    static void deploy() {
        machine = Deployments.machineWithCurrentVersion(admin, "watched.js");
        instances = new MachineInstances(admin, machine);
    }

    @Test
    void aSubscriberGetsTheCurrentStateThenEveryTransitionWithItsTimestamp() {
        String name = freshName("w");
        instances.created(name, null);
        instances.sent(name, Map.of("type", "bump"));
        try (RealtimeClient client = RealtimeClient.connect(api, admin.token())) {
            client.subscribe(machine, name, "r1");
            JsonNode first = client.next(WAIT);
            assertThat(first.path("type").asText()).isEqualTo("instance-update");
            assertThat(first.path("machineName").asText()).isEqualTo(machine);
            assertThat(first.path("machineInstanceName").asText()).isEqualTo(name);
            assertThat(first.path("publicContext").path("count").asInt()).isEqualTo(1);

            JsonNode answered = instances.sent(name, Map.of("type", "bump"));
            JsonNode update = client.next(WAIT);
            assertThat(update.path("publicContext").path("count").asInt()).isEqualTo(2);
            assertThat(update.path("state").asText()).isEqualTo("watching");
            assertThat(update.path("ts").asLong())
                    .as("the update's ts is the HTTP answer's for the same transition")
                    .isEqualTo(answered.path("ts").asLong())
                    .isGreaterThan(first.path("ts").asLong());
        }
    }

    @Test
    void aTransitionCausedByADurableTimerIsPublishedToo() {
        String name = freshName("w");
        instances.created(name, null);
        try (RealtimeClient client = RealtimeClient.connect(api, admin.token())) {
            client.subscribe(machine, name, "r1");
            client.next(WAIT);
            instances.sent(name, Map.of("type", "bumpLater"));
            JsonNode waiting = client.next(WAIT);
            assertThat(waiting.path("state").asText()).isEqualTo("waiting");
            JsonNode fired = client.next(WAIT);
            assertThat(fired.path("state").asText()).isEqualTo("watching");
            assertThat(fired.path("publicContext").path("count").asInt()).isEqualTo(1);
            assertThat(fired.path("ts").asLong())
                    .isGreaterThanOrEqualTo(waiting.path("ts").asLong());
        }
    }

    @Test
    void updatesArriveInHistoryOrderForManyEvents() {
        String name = freshName("w");
        instances.created(name, null);
        try (RealtimeClient client = RealtimeClient.connect(api, admin.token())) {
            client.subscribe(machine, name, "r1");
            client.next(WAIT);
            for (int i = 0; i < 20; i++) {
                instances.send(name, Map.of("type", "bump"));
            }
            for (int expected = 1; expected <= 20; expected++) {
                assertThat(client.next(WAIT).path("publicContext").path("count").asInt())
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void anUnsubscribedClientGetsNoMoreUpdates() {
        String name = freshName("w");
        instances.created(name, null);
        try (RealtimeClient client = RealtimeClient.connect(api, admin.token())) {
            client.subscribe(machine, name, "r1");
            client.next(WAIT);
            client.unsubscribe(machine, name, "r1");
            client.send(Map.of("type", "ping")); // messages of one connection are handled in order
            assertThat(client.next(WAIT).path("type").asText()).isEqualTo("pong");
            instances.sent(name, Map.of("type", "bump"));
            assertThat(client.poll(Duration.ofSeconds(1))).isNull();
        }
    }

    @Test
    void aSubscriptionTheAuthorizerRefusesIsAnErrorWithTheRequestId() {
        String name = freshName("w");
        instances.created(name, null);
        instances.sent(name, Map.of("type", "bar", "sub", "mallory"));
        try (RealtimeClient client =
                RealtimeClient.connect(api, admin.actingAs("mallory").token())) {
            client.subscribe(machine, name, "r9");
            JsonNode error = client.next(WAIT);
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("requestId").asText()).isEqualTo("r9");
            assertThat(error.path("status").asInt()).isEqualTo(403);
            assertThat(error.path("code").asText()).isEqualTo("rejected-by-machine-authorizer");
        }
    }

    @Test
    void aSubscriberWhoLosesReadAccessGetsAnErrorAndNoMoreUpdates() {
        String name = freshName("w");
        instances.created(name, null);
        try (RealtimeClient watcher =
                        RealtimeClient.connect(api, admin.actingAs("eve").token());
                RealtimeClient other =
                        RealtimeClient.connect(api, admin.actingAs("bob").token())) {
            watcher.subscribe(machine, name, "r1");
            other.subscribe(machine, name, "r2");
            watcher.next(WAIT);
            other.next(WAIT);
            instances.sent(name, Map.of("type", "bar", "sub", "eve"));
            JsonNode error = watcher.next(WAIT);
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("requestId").asText()).isEqualTo("r1");
            assertThat(error.path("status").asInt()).isEqualTo(403);
            assertThat(other.next(WAIT).path("type").asText()).isEqualTo("instance-update");

            instances.sent(name, Map.of("type", "bump"));
            assertThat(other.next(WAIT).path("publicContext").path("count").asInt())
                    .isEqualTo(1);
            assertThat(watcher.poll(Duration.ofSeconds(1))).isNull();
        }
    }

    @Test
    void anUnknownInstanceIsA404ErrorAndAKeyWithoutStateReadA403() {
        try (RealtimeClient client = RealtimeClient.connect(api, admin.token())) {
            client.subscribe(machine, freshName("nobody"), "r1");
            JsonNode error = client.next(WAIT);
            assertThat(error.path("status").asInt()).isEqualTo(404);
            assertThat(error.path("requestId").asText()).isEqualTo("r1");
        }
        var created = admin.post(
                        "/keys", Map.of("name", freshName("k"), "scopes", List.of(Scope.EVENTS_WRITE.wireName())))
                .json();
        TokenSigner writer =
                new TokenSigner(created.path("id").asText(), created.path("key").asText());
        try (RealtimeClient client = RealtimeClient.connect(api, writer.token(Map.of("sub", "w")))) {
            client.subscribe(machine, freshName("any"), "r2");
            JsonNode error = client.next(WAIT);
            assertThat(error.path("status").asInt()).isEqualTo(403);
            assertThat(error.path("code").asText()).isEqualTo("missing-scope");
        }
    }

    @Test
    void anUpgradeWithoutAValidTokenIsRefusedWith401() {
        assertThatThrownBy(() -> RealtimeClient.connect(api, "not-a-token"))
                .isInstanceOfSatisfying(
                        RealtimeClient.Refused.class,
                        e -> assertThat(e.status()).isEqualTo(401));
        var credentials = RunningStack.get().credentials();
        String wrongSecret = new TokenSigner(credentials.keyId(), "another-secret").token(Map.of("sub", "x"));
        assertThatThrownBy(() -> RealtimeClient.connect(api, wrongSecret))
                .isInstanceOfSatisfying(
                        RealtimeClient.Refused.class,
                        e -> assertThat(e.status()).isEqualTo(401));
        String expired = new TokenSigner(credentials.keyId(), credentials.secret())
                .token(Map.of("sub", "x"), b -> b.withExpiresAt(Instant.now().minusSeconds(3600)));
        assertThatThrownBy(() -> RealtimeClient.connect(api, expired))
                .isInstanceOfSatisfying(
                        RealtimeClient.Refused.class,
                        e -> assertThat(e.status()).isEqualTo(401));
    }

    /** Tokens verify with 60 s of clock skew: this one is accepted, and stops verifying two seconds later. */
    @Test
    void aConnectionWhoseTokenExpiresIsClosedAtItsNextActivity() throws Exception {
        var credentials = RunningStack.get().credentials();
        String expiringSoon = new TokenSigner(credentials.keyId(), credentials.secret())
                .token(Map.of("sub", "x"), b -> b.withExpiresAt(Instant.now().minusSeconds(58)));
        try (RealtimeClient client = RealtimeClient.connect(api, expiringSoon)) {
            client.send(Map.of("type", "ping"));
            assertThat(client.closedWithin(Duration.ofMillis(500)))
                    .as("open while the token verifies")
                    .isFalse();
            Thread.sleep(2500);
            client.send(Map.of("type", "ping"));
            assertThat(client.closedWithin(WAIT))
                    .as("closed once it no longer does")
                    .isTrue();
        }
    }
}
