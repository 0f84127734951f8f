package dev.statebacked.instances;

import static dev.statebacked.instances.InMemoryProcesses.COUNTER;
import static dev.statebacked.instances.InMemoryProcesses.ORG;
import static dev.statebacked.instances.InMemoryProcesses.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.messaging.InstanceAddress;
import dev.statebacked.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * A message from another instance is applied once per id: the queue delivers at least once, and a redelivery, to
 * the process that applied it or to another, even after later events, changes nothing.
 */
class ARedeliveredMessageChangesNothingTest {
    private static final String MACHINE = "counter";
    private static final String INSTANCE = "c1";
    private static final InstanceAddress COUNTER_ADDRESS = new InstanceAddress(MACHINE, INSTANCE);

    private final InMemoryProcesses processes = new InMemoryProcesses();
    private final InMemoryProcesses.Process processA = processes.process();
    private final InMemoryProcesses.Process processB = processes.process();

    @Test
    void aMessageDeliveredAgainAfterItWasAppliedChangesNothing() {
        processes.deploy(MACHINE, COUNTER);
        processes.create(processA, MACHINE, INSTANCE);
        Message.Event message = new Message.Event(
                "m-1", ORG, COUNTER_ADDRESS, new InstanceAddress("sender", "s1"), json("{'type':'inc','by':'sender'}"));
        processA.processor().deliver(message);
        processes.send(processA, MACHINE, INSTANCE, json("{'type':'inc','by':'caller'}"));
        Instance applied = processes.instance(MACHINE, INSTANCE);
        processes.written.clear();

        processA.processor().deliver(message);
        processB.processor().deliver(message);

        Instance after = processes.instance(MACHINE, INSTANCE);
        assertThat(after.sequence()).isEqualTo(applied.sequence());
        assertThat(after.state().context().path("public").path("count").asInt()).isEqualTo(2);
        assertThat(processes.history(MACHINE, INSTANCE))
                .extracting(t -> t.event().path("by").asText(""))
                .containsExactly("", "sender", "caller");
        assertThat(processes.written).isEmpty();
    }
}
