package dev.statebacked.engine;

import static dev.statebacked.engine.Engines.event;
import static dev.statebacked.engine.Engines.json;
import static dev.statebacked.engine.Engines.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Bundles built like `smply` builds them (shared/engine-js/build-fixtures.sh: esbuild, xstate external,
 * @statebacked/machine 0.6.0 inlined), run unchanged.
 */
class SmplyBundleTest {
    private static final AtomicInteger IDS = new AtomicInteger();

    static String fixture(String name) {
        try (InputStream in = SmplyBundleTest.class.getResourceAsStream("fixtures/" + name + ".mjs")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MachineVersion load(String name) {
        return Engines.SHARED.machine(name + "-" + IDS.incrementAndGet(), fixture(name));
    }

    @Test
    void persistentInvokeStartsAChildAndItsRandomNameIsReusedAfterRestore() {
        var v = load("parent");
        var invoked = v.transition(roundTrip(v.initialState(null).state()), event("INVOKE"));
        var start = (Effect.StartPersistentChild) invoked.effects().get(0);
        assertThat(start.childId()).isEqualTo("child");
        assertThat(start.machineName()).isEqualTo("child-machine");
        assertThat(start.machineVersionId()).isEqualTo("ver_child");
        assertThat(start.context()).isEqualTo(json("{'from':'parent'}"));
        assertThat(invoked.state().children().get("child").machineInstanceName())
                .isEqualTo(start.machineInstanceName());

        // Restore in a context that evaluated the module separately (so 0.6.0 drew another random name)
        try (var busy = v.openSession();
                var other = v.openSession()) {
            var ping = other.transition(
                    PersistedState.fromJson(invoked.state().toJsonString()), json("{'type':'PING_CHILD','n':5}"));
            assertThat(ping.effects())
                    .containsExactly(new Effect.Send(
                            new SendTarget.PersistentChild(
                                    "child", "child-machine", start.machineInstanceName(), "ver_child"),
                            json("{'type':'PING','n':5}")));
            var left = other.transition(roundTrip(ping.state()), event("LEAVE"));
            assertThat(left.effects())
                    .containsExactly(new Effect.StopPersistentChild(
                            "child", "child-machine", start.machineInstanceName(), "ver_child"));
            assertThat(left.state().children()).doesNotContainKey("child");
        }
    }

    @Test
    void persistentChildDoneEventTakesOnDone() {
        var v = load("parent");
        var invoked = v.transition(roundTrip(v.initialState(null).state()), event("INVOKE"));
        var done = v.transition(roundTrip(invoked.state()), json("{'type':'done.invoke.child','data':{'ok':true}}"));
        assertThat(done.state().value().asText()).isEqualTo("finished");
    }

    @Test
    void spawnPersistentInstanceInAssignUsesTheRuntimeAndIsAddressableByNameAndRef() {
        var v = load("parent");
        var spawned = v.transition(roundTrip(v.initialState(null).state()), event("SPAWN"));
        var start = (Effect.StartPersistentChild) spawned.effects().get(0);
        assertThat(start.childId()).isEqualTo("w1");
        assertThat(start.origin()).isEqualTo(ChildRef.Origin.SPAWN);
        assertThat(start.context()).isEqualTo(json("{'job':7}"));
        var ref = spawned.state().context().get("spawned");
        assertThat(ref.get("type").asText()).isEqualTo("statebacked.instance");
        assertThat(ref.get("machineInstanceName").asText()).isEqualTo(start.machineInstanceName());

        var target = new SendTarget.PersistentChild("w1", "worker", start.machineInstanceName(), null);
        assertThat(v.transition(roundTrip(spawned.state()), event("TELL_SPAWNED"))
                        .effects())
                .containsExactly(new Effect.Send(target, event("WORK")));
        assertThat(v.transition(roundTrip(spawned.state()), event("TELL_SPAWNED_BY_REF"))
                        .effects())
                .containsExactly(new Effect.DelayedSend("later", target, event("WORK"), 500));
    }

    @Test
    void authorizersOfABundleWork() {
        var v = load("parent");
        var state = v.initialState(null).state();
        assertThat(v.allowWrite(new WriteRequest.Event("p", json("{'sub':'ok'}"), state, event("INVOKE"))))
                .isTrue();
        assertThat(v.allowWrite(new WriteRequest.Event("p", json("{'sub':'blocked'}"), state, event("INVOKE"))))
                .isFalse();
    }

    @Test
    void webStandardGlobalsBehaveLikeTheWeb() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String reply =
                    "{\"method\":\"" + ex.getRequestMethod() + "\",\"got\":" + new String(body, StandardCharsets.UTF_8)
                            + ",\"header\":\"" + ex.getRequestHeaders().getFirst("x-test") + "\",\"query\":\""
                            + ex.getRequestURI().getQuery() + "\"}";
            ex.getResponseHeaders().add("x-reply", "pong");
            ex.sendResponseHeaders(201, reply.length());
            ex.getResponseBody().write(reply.getBytes(StandardCharsets.UTF_8));
            ex.close();
        });
        server.start();
        try {
            var v = load("web");
            try (var s = v.openSession()) {
                var t = s.initialState(json(
                        "{'url':'http://127.0.0.1:" + server.getAddress().getPort() + "','result':null,'error':null}"));
                var settled = Engines.settle(s, t, Duration.ofSeconds(10));
                assertThat(settled.state().context().get("error").isNull())
                        .as(settled.state().context().toString())
                        .isTrue();
                var r = settled.state().context().get("result");
                assertThat(r.get("encodedLength").asInt()).isEqualTo("héllo ✓".getBytes(StandardCharsets.UTF_8).length);
                assertThat(r.get("decoded").asText()).isEqualTo("héllo ✓");
                assertThat(r.get("href").asText()).isEqualTo("https://user@example.com:8443/b/c?x=1&y=two&z=3+4#frag");
                assertThat(r.get("host").asText()).isEqualTo("example.com:8443");
                assertThat(r.get("pathname").asText()).isEqualTo("/b/c");
                assertThat(r.get("y").asText()).isEqualTo("two");
                assertThat(r.get("digest").asText())
                        .isEqualTo(HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256")
                                        .digest("abc".getBytes(StandardCharsets.UTF_8))));
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                assertThat(r.get("hmac").asText())
                        .isEqualTo(HexFormat.of().formatHex(mac.doFinal("msg".getBytes(StandardCharsets.UTF_8))));
                assertThat(r.get("randomLength").asInt()).isEqualTo(16);
                assertThat(r.get("uuid").asText())
                        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
                assertThat(r.get("b64").asText()).isEqualTo("aGVsbG8=");
                assertThat(r.get("unb64").asText()).isEqualTo("hello");
                assertThat(r.get("cloned")).isEqualTo(json("{'d':[1,{'e':2}],'when':true}"));
                assertThat(r.get("queued").asText()).isEqualTo("micro");
                assertThat(r.get("response"))
                        .isEqualTo(
                                json(
                                        "{'status':201,'ok':true,'body':{'method':'POST','got':{'hi':1},'header':'yes','query':'q=1'},'header':'pong'}"));
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void fetchToAnUnreachableHostRejectsIntoOnError() {
        var v = load("web");
        try (var s = v.openSession()) {
            var t = s.initialState(json("{'url':'http://127.0.0.1:9','result':null,'error':null}"));
            var settled = Engines.settle(s, t, Duration.ofSeconds(10));
            assertThat(settled.state().value().asText()).isEqualTo("failed");
            assertThat(settled.state().context().get("error").asText()).startsWith("fetch failed");
        }
    }
}
