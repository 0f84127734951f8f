package dev.statebacked.instances;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.RunningStack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * semantics.md, "Instances and events": one event at a time per instance, a single linearizable history;
 * concurrent senders are serialized; no accepted event is lost or applied twice.
 */
class ConcurrentEventsTest {
    private static final int SENDERS = 32;
    private static final int EVENTS_PER_SENDER = 12;
    private static final int TOTAL = SENDERS * EVENTS_PER_SENDER;

    private record Sent(int sender, int seq, int countInResponse) {}

    @Test
    void concurrentSendersAreSerializedIntoOneHistoryWithNoEventLostOrAppliedTwice() throws Exception {
        ApiClient admin = RunningStack.adminClient();
        MachineInstances instances =
                new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "counter.js"));
        String instance = freshName("contended");
        instances.created(instance, Map.of("public", Map.of("count", 0)));

        List<List<Sent>> perSender = sendConcurrently(instances, instance);

        JsonNode finalState = instances.get(instance).json();
        assertThat(finalState.path("publicContext").path("count").asInt()).isEqualTo(TOTAL);

        // each response is the state right after that sender's own event: the counts form exactly 1..TOTAL
        List<Integer> counts = perSender.stream()
                .flatMap(List::stream)
                .map(Sent::countInResponse)
                .sorted()
                .toList();
        assertThat(counts)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, TOTAL).boxed().toList());
        for (List<Sent> responses : perSender) {
            assertThat(responses)
                    .extracting(Sent::countInResponse)
                    .as("a sender sees its own effects")
                    .isSorted()
                    .doesNotHaveDuplicates();
            assertThat(responses.getLast().countInResponse()).isGreaterThanOrEqualTo(EVENTS_PER_SENDER);
        }

        // the history: the initial transition, then every event once, in the order of the counts they produced
        List<JsonNode> history = instances.history(instance);
        assertThat(history).hasSize(TOTAL + 1);
        assertThat(history.getFirst().path("event").path("type").asText()).isEqualTo("xstate.init");
        Map<String, Integer> countByEvent = new HashMap<>();
        perSender.stream()
                .flatMap(List::stream)
                .forEach(s -> countByEvent.put(s.sender() + "/" + s.seq(), s.countInResponse()));
        for (int position = 1; position <= TOTAL; position++) {
            JsonNode event = history.get(position).path("event");
            String id = event.path("sender").asInt() + "/" + event.path("seq").asInt();
            assertThat(countByEvent.get(id))
                    .as("history entry %d is event %s, which counted to", position, id)
                    .isEqualTo(position);
        }
    }

    private static List<List<Sent>> sendConcurrently(MachineInstances instances, String instance) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Sent>>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(SENDERS)) {
            for (int sender = 0; sender < SENDERS; sender++) {
                int id = sender;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Sent> sent = new ArrayList<>();
                    for (int seq = 0; seq < EVENTS_PER_SENDER; seq++) {
                        ApiClient.Response response =
                                instances.send(instance, Map.of("type", "increment", "sender", id, "seq", seq));
                        assertThat(response.status())
                                .as("sender %d event %d: %s", id, seq, response.body())
                                .isEqualTo(200);
                        sent.add(new Sent(
                                id,
                                seq,
                                response.json()
                                        .path("publicContext")
                                        .path("count")
                                        .asInt()));
                    }
                    return sent;
                }));
            }
            start.countDown();
            List<List<Sent>> results = new ArrayList<>();
            for (Future<List<Sent>> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
