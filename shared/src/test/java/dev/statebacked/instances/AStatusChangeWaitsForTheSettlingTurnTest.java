package dev.statebacked.instances;

import static dev.statebacked.instances.InMemoryProcesses.BOUND;
import static dev.statebacked.instances.InMemoryProcesses.await;
import static dev.statebacked.instances.InMemoryProcesses.awaitUntil;
import static dev.statebacked.instances.InMemoryProcesses.event;
import static dev.statebacked.instances.InMemoryProcesses.inBackground;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpServer;
import dev.statebacked.failures.Conflict;
import dev.statebacked.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A status change queues for the instance's turn like an event: while a caller of the same process settles a slow
 * service (the instance claimed, the turn held), a pause waits; the settle's writes all land, in order, and the
 * pause after them. Paused, the instance answers events with Conflict.
 */
class AStatusChangeWaitsForTheSettlingTurnTest {
    private static final String MACHINE = "gated";
    private static final String INSTANCE = "g1";
    /** A service that finishes when the test opens its gate: a fetch the gate answers. */
    private static final String GATED = """
            import { createMachine, assign } from "xstate";

            export const allowRead = () => true;
            export const allowWrite = () => true;

            export default createMachine({
              id: "gated",
              predictableActionArguments: true,
              initial: "idle",
              context: { public: {} },
              states: {
                idle: { on: { start: { target: "waiting", actions: assign({ public: (_, e) => ({ url: e.url }) }) } } },
                waiting: {
                  invoke: {
                    id: "gate",
                    src: (ctx) => fetch(ctx.public.url).then((response) => response.text()),
                    onDone: { target: "finished", actions: assign({ public: (ctx, e) => ({ ...ctx.public, answer: e.data }) }) },
                    onError: { target: "failed", actions: assign({ public: (ctx, e) => ({ ...ctx.public, error: String(e.data) }) }) },
                  },
                },
                finished: { on: { again: "idle" } },
                failed: {},
              },
            });
            """;

    private final InMemoryProcesses processes = new InMemoryProcesses();
    private final Gate gate = new Gate();

    @BeforeEach
    void openForBusiness() throws IOException {
        gate.start();
    }

    @AfterEach
    void closeTheGate() {
        gate.stop();
    }

    @Test
    void aPauseWhileTheInstanceSettlesWaitsForTheTurnAndLandsAfterTheSettlesWrites() {
        // a claim long enough that the settler does not renew it while the test holds the gate
        InMemoryProcesses.Process process =
                processes.process(SettleBudget.fromEnvironment(Map.of()), Duration.ofMinutes(1));
        processes.deploy(MACHINE, GATED);
        processes.create(process, MACHINE, INSTANCE);
        processes.written.clear();

        CompletableFuture<InstanceState> settling = inBackground(
                "settling",
                () -> processes.send(
                        process,
                        MACHINE,
                        INSTANCE,
                        Json.MAPPER.createObjectNode().put("type", "start").put("url", gate.url())));
        gate.awaitArrival();
        // the service runs: its instance is claimed by this process, whose caller holds the turn
        Instance claimed = processes.instance(MACHINE, INSTANCE);
        assertThat(claimed.state().value().asText()).isEqualTo("waiting");
        assertThat(claimed.claim().orElseThrow().owner())
                .isEqualTo(process.order().claim().owner());

        AtomicReference<Thread> pauser = new AtomicReference<>();
        CompletableFuture<Void> pause = inBackground("pausing", () -> {
            pauser.set(Thread.currentThread());
            process.processor().setStatus(InMemoryProcesses.CALLER, MACHINE, INSTANCE, InstanceStatus.PAUSED);
            return null;
        });
        awaitUntil(
                "the pause waits for the instance's turn (or ended)",
                () -> pause.isDone() || pauser.get() != null && pauser.get().getState() == Thread.State.TIMED_WAITING);
        assertThat(pause).isNotDone();
        assertThat(processes.instance(MACHINE, INSTANCE).sequence()).isEqualTo(claimed.sequence());

        gate.open();
        InstanceState settled = await(settling);
        await(pause);

        // the settle's writes all landed, the pause after them
        assertThat(settled.value().asText()).isEqualTo("finished");
        assertThat(settled.publicContext().path("answer").asText()).isEqualTo("opened");
        List<InMemoryProcesses.Written> written = List.copyOf(processes.written);
        assertThat(written)
                .extracting(w -> w.change().getClass().getSimpleName(), InMemoryProcesses.Written::eventType)
                .containsExactly(
                        tuple("Transitioned", "start"),
                        tuple("Transitioned", "done.invoke.gate"),
                        tuple("Updated", ""));
        for (int i = 1; i < written.size(); i++) {
            assertThat(written.get(i).after().orElseThrow().sequence())
                    .isEqualTo(written.get(i - 1).after().orElseThrow().sequence() + 1);
        }
        assertThat(written.get(0).after().orElseThrow().claim()).isPresent();
        assertThat(written.get(1).after().orElseThrow().claim()).isEmpty();
        assertThat(written.get(1).after().orElseThrow().status()).isEqualTo(InstanceStatus.RUNNING);
        assertThat(written.get(2).after().orElseThrow().status()).isEqualTo(InstanceStatus.PAUSED);
        // the history is intact and in order
        List<InstanceRepository.Transition> history = processes.history(MACHINE, INSTANCE);
        assertThat(history)
                .extracting(t -> t.event().path("type").asText())
                .containsExactly("xstate.init", "start", "done.invoke.gate");
        assertThat(history).extracting(t -> t.stateValue().asText()).containsExactly("idle", "waiting", "finished");
        Instance paused = processes.instance(MACHINE, INSTANCE);
        assertThat(paused.status()).isEqualTo(InstanceStatus.PAUSED);
        assertThat(paused.claim()).isEmpty();
        assertThat(paused.state().value().asText()).isEqualTo("finished");

        Throwable refused = catchThrowable(() -> processes.send(process, MACHINE, INSTANCE, event("again")));

        assertThat(refused).isInstanceOf(Conflict.class).hasMessageContaining("paused");
        assertThat(processes.instance(MACHINE, INSTANCE).sequence()).isEqualTo(paused.sequence());
        assertThat(processes.eventTypes(MACHINE, INSTANCE)).hasSize(3);
    }

    /** A loopback HTTP endpoint whose answer waits until the test opens it. */
    private static final class Gate {
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch opened = new CountDownLatch(1);
        private HttpServer server;

        void start() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/gate", exchange -> {
                arrived.countDown();
                try {
                    opened.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = "opened".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/gate";
        }

        void awaitArrival() {
            try {
                assertThat(arrived.await(BOUND.toMillis(), TimeUnit.MILLISECONDS))
                        .as("the service called the gate")
                        .isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        void open() {
            opened.countDown();
        }

        void stop() {
            opened.countDown();
            server.stop(0);
        }
    }
}
