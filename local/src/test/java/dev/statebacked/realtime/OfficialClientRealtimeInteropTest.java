package dev.statebacked.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.NodeInterop;
import dev.statebacked.testing.RunningStack;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real-time subscriptions (WebSocket {@code /rt} on the API's port) through the official @statebacked/client
 * 0.1.37 under Node, with the {@code ws} package as its WebSocket: {@code realtime.mjs}, one section per rule,
 * on smply-style bundles of {@code realtime-source.js} and its persistent child {@code realtime-child-source.js}.
 * The token rules are checked on raw {@code ws} upgrades (the client reconnects at once, forever, when refused).
 * Each test runs one section of the script in its own Node process, so that one rule's failure hides no other's.
 */
class OfficialClientRealtimeInteropTest {
    private static final Map<String, String> ENVIRONMENT = new HashMap<>();

    @BeforeAll
    static void deployTheMachines() {
        var credentials = RunningStack.get().credentials();
        ENVIRONMENT.put("API_URL", RunningStack.get().apiUrl().toString());
        ENVIRONMENT.put("ORG_ID", credentials.orgId());
        ENVIRONMENT.put("KEY_ID", credentials.keyId());
        ENVIRONMENT.put("SECRET", credentials.secret());
        ENVIRONMENT.put("MACHINE", Deployments.freshName("realtime"));
        ENVIRONMENT.put("CHILD_MACHINE", Deployments.freshName("realtime-child"));
        ENVIRONMENT.put(
                "BUNDLE",
                NodeInterop.bundle("realtime-source.js", "realtime-smply.js").toString());
        ENVIRONMENT.put(
                "CHILD_BUNDLE",
                NodeInterop.bundle("realtime-child-source.js", "realtime-child-smply.js")
                        .toString());
        NodeInterop.Result deployed = section("deploy");
        assertThat(deployed.output()).as(deployed.output()).contains("ok deploy: both machines deployed");
        assertThat(deployed.exitCode()).as(deployed.output()).isZero();
    }

    private static NodeInterop.Result section(String name) {
        Map<String, String> environment = new HashMap<>(ENVIRONMENT);
        environment.put("SECTION", name);
        return NodeInterop.node("realtime.mjs", environment);
    }

    /** Runs one section; every listed check passed, then the script's own end. */
    private static void passes(String name, String... checks) {
        NodeInterop.Result result = section(name);
        assertThat(result.output())
                .contains(checks)
                .contains("ok " + name + ": no socket of the official client failed", "interop done");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void subscribeGetsTheCurrentStateThenEveryTransitionWhateverCausedItInHistoryOrder() {
        passes(
                "subscribe",
                "ok subscribe: the current state arrives first",
                "ok subscribe: the HTTP event's response is the timing state",
                "ok subscribe: every step arrives, the settled one last",
                "ok subscribe: the history is init, go, the timer, the child's message, the promise's onDone",
                "ok subscribe: an HTTP event's transition is pushed",
                "ok subscribe: a durable timer's transition is pushed",
                "ok subscribe: a persistent child's message's transition is pushed",
                "ok subscribe: a settled invoked promise's transition is pushed",
                "ok subscribe: one update per transition, in history order, each with its transition's ts",
                "ok subscribe: ts increases from update to update",
                "ok subscribe: no error",
                "ok subscribe: the client's pings kept its one socket open all along",
                "ok subscribe: the child is a persistent instance");
    }

    @Test
    void getOrCreateActorAndGetActorFollowTheInstanceAndSendThroughIt() {
        passes(
                "actors",
                "ok getOrCreateActor: creates the instance and starts from its state",
                "ok getOrCreateActor: subscribe on the actor sees the current state",
                "ok getOrCreateActor: send through the actor transitions the instance",
                "ok getOrCreateActor: the actor's state follows the instance through timer, child and promise",
                "ok getOrCreateActor: the actor's subscribers saw every step",
                "ok getOrCreateActor: an existing instance is not created again",
                "ok getActor: an existing instance's current state",
                "ok getActor: its send transitions the instance and both actors' subscribers see it",
                "ok getActor: an unknown instance is not found");
    }

    @Test
    void unsubscribeStopsThatSubscriptionsUpdatesAndOnlyThose() {
        passes(
                "unsubscribe",
                "ok unsubscribe: two subscriptions share the client's one socket",
                "ok unsubscribe: a later subscription on the socket answers",
                "ok unsubscribe: another subscriber of the instance sees the update",
                "ok unsubscribe: the socket's other subscriptions go on",
                "ok unsubscribe: no update for the unsubscribed instance within 1 s");
    }

    @Test
    void aSubscriptionIsRefusedByAllowReadForAnUnknownInstanceOrMachineAndWithoutTheStateReadScope() {
        passes(
                "refused",
                "ok allowRead refuses: onError gets RejectedByMachineAuthorizerError",
                "ok allowRead refuses: the owner's subscription sees the next update",
                "ok allowRead refuses: no state reaches the refused subscriber",
                "ok allowRead refuses: the error frame names the subscription's requestId",
                "ok subscribe refused: an unknown instance is NotFoundError",
                "ok subscribe refused: an unknown machine is NotFoundError",
                "ok subscribe refused: without the state.read scope, MissingScopeError",
                "ok subscribe refused: malformed messages get 400 invalid-parameter errors, the socket stays open",
                "ok subscribe refused: after malformed messages, the socket still subscribes");
    }

    @Test
    void aSubscriberWhoLosesReadAccessGetsAnErrorForThatSubscriptionThenNoMoreUpdates() {
        passes(
                "losingAccess",
                "ok losing read access: both readers start subscribed",
                "ok losing read access: the reader who still may read sees the revoking transition",
                "ok losing read access: the revoked reader's subscription gets RejectedByMachineAuthorizerError",
                "ok losing read access: the revoking transition's state does not reach the revoked reader",
                "ok losing read access: the other reader sees the next update",
                "ok losing read access: the other reader sees the later updates",
                "ok losing read access: no update after the error, even once access is given back");
    }

    @Test
    void theUpgradeIsRefusedWithoutAGoodTokenAndATokenExpiringWhileConnectedIsClosedAtItsNextActivity() {
        passes(
                "tokens",
                "ok tokens: no token is refused with 401",
                "ok tokens: a garbage token is refused with 401",
                "ok tokens: a token signed with a wrong secret is refused with 401",
                "ok tokens: an expired token is refused with 401",
                "ok tokens: a good token connects",
                "ok tokens: another org than the token's in x-statebacked-org-id is refused with 403",
                "ok tokens: the official client naming the token's own org (orgId) subscribes",
                "ok tokens: a subscriber with a good token gets the current state",
                "ok tokens: a token inside the expiry leeway connects",
                "ok tokens: while valid, a ping is answered with pong and subscriptions work",
                "ok tokens: a token that expired while connected: the next ping closes the socket",
                "ok tokens: the update reaches a subscriber with a valid token",
                "ok tokens: a token that expired while connected: the next update closes the socket instead of arriving");
    }

    @Test
    void oneHundredSubscribersOfOneInstanceEachSeeEveryUpdateInOrder() {
        passes(
                "fanOut",
                "ok 100 subscribers: each gets the current state",
                "ok 100 subscribers: 100 separate sockets",
                "ok 100 subscribers: every subscriber gets all 5 updates",
                "ok 100 subscribers: each saw counts 0..5 in order with increasing ts, the last the last event's",
                "ok 100 subscribers: no error");
    }

    @Test
    void subscribersJoiningWhileTheInstanceTransitionsCatchUpAndNeverSeeAStateGoBackOrTwice() {
        passes(
                "joining",
                "ok joining: every subscriber catches up with the last transition",
                "ok joining: every subscriber's counts only go up",
                "ok joining: no update older than one the subscriber already got",
                "ok joining: no state twice (one update per transition, ts strictly increasing)");
    }
}
