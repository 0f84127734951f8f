package dev.statebacked.instances;

import static dev.statebacked.instances.InMemoryProcesses.COUNTER;
import static dev.statebacked.instances.InMemoryProcesses.ORG;
import static dev.statebacked.instances.InMemoryProcesses.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.messaging.InstanceAddress;
import dev.statebacked.messaging.Message;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Between processes nothing is locked: each write is conditional on the sequence its processor read. When another
 * process wrote first, the loser's first write changed nothing and nothing of it ran, so it reads the instance again
 * and computes its event on what it finds: both events are applied, each once, in the order they landed.
 */
class AWriteThatLostToAnotherProcessIsComputedAgainTest {
    private static final String MACHINE = "counter";
    private static final String INSTANCE = "c1";
    private static final InstanceAddress COUNTER_ADDRESS = new InstanceAddress(MACHINE, INSTANCE);

    private final InMemoryProcesses processes = new InMemoryProcesses();
    private final InMemoryProcesses.Process processA = processes.process();
    private final InMemoryProcesses.Process processB = processes.process();

    @Test
    void aFirstWriteThatLostIsComputedAgainOnAFreshReadAndAppliedOnce() {
        processes.deploy(MACHINE, COUNTER);
        processes.create(processA, MACHINE, INSTANCE);
        long created = processes.instance(MACHINE, INSTANCE).sequence();
        processes.written.clear();
        // B's event lands between A's read and A's first write
        processes.store.beforeNextWrite(
                writes -> processes.send(processB, MACHINE, INSTANCE, json("{'type':'inc','by':'B'}")));
        Message.Event fromA = new Message.Event(
                "m-from-a", ORG, COUNTER_ADDRESS, new InstanceAddress("sender", "s1"), json("{'type':'inc','by':'A'}"));

        processA.processor().deliver(fromA);

        Instance after = processes.instance(MACHINE, INSTANCE);
        assertThat(after.state().context().path("public").path("count").asInt()).isEqualTo(2);
        assertThat(texts(after.state().context().path("public").path("by"))).containsExactly("B", "A");
        assertThat(processes.history(MACHINE, INSTANCE))
                .extracting(t -> t.event().path("by").asText(""))
                .containsExactly("", "B", "A");
        // two writes landed: B's on what was created, A's on B's
        assertThat(processes.written).hasSize(2);
        assertThat(processes.written.get(0).before().orElseThrow().sequence()).isEqualTo(created);
        assertThat(processes.written.get(0).eventType()).isEqualTo("inc");
        assertThat(processes.written.get(1).before().orElseThrow().sequence()).isEqualTo(created + 1);
        assertThat(processes.written.get(1).after().orElseThrow().sequence()).isEqualTo(after.sequence());
        assertThat(processes.instances.applied(ORG, COUNTER_ADDRESS, fromA.id()))
                .isTrue();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
