package dev.statebacked.instances;

import static dev.statebacked.instances.InMemoryProcesses.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.messaging.Message;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The commit point asks {@link IndexWrites} for every write of an instance (creation, event, timer firing, deletion)
 * with the instance before and after it, and its writes land in that write's transaction.
 */
class EveryWriteOfAnInstanceCarriesItsIndexWritesTest {
    private static final String MACHINE = AlarmMachine.NAME;
    private static final String INSTANCE = "a1";

    /** What the commit point asked: the sequences before and after (0: absent) and the ticks after. */
    private record Asked(long before, long after, int ticksAfter) {}

    private final InMemoryProcesses processes = new InMemoryProcesses();
    private final List<Asked> asked = Collections.synchronizedList(new ArrayList<>());
    /** Every transaction that carried a marker, as the store applied it. */
    private final List<List<Write>> transactions = Collections.synchronizedList(new ArrayList<>());

    private void recordNextTransaction() {
        processes.store.afterNextWrite(transactions::add);
    }

    private static ItemKey marker(Optional<Instance> after) {
        return new ItemKey("marker", after.map(i -> Long.toString(i.sequence())).orElse("deleted"));
    }

    @Test
    void creationEventsTimerFiringsAndDeletionAskForIndexWritesAndCarryThemInTheirTransaction() {
        processes.indexWrites = (before, after) -> {
            asked.add(new Asked(
                    before.map(Instance::sequence).orElse(0L),
                    after.map(Instance::sequence).orElse(0L),
                    after.map(i -> i.state()
                                    .context()
                                    .path("public")
                                    .path("ticks")
                                    .asInt())
                            .orElse(-1)));
            return List.of(new Write.Put(StoredItem.of(marker(after), 1, "{}")));
        };
        InMemoryProcesses.Process process = processes.process();
        processes.deploy(MACHINE, AlarmMachine.CODE);

        recordNextTransaction();
        processes.create(process, MACHINE, INSTANCE);
        recordNextTransaction();
        processes.send(process, MACHINE, INSTANCE, event("arm"));
        Message.TimerWakeUp wakeUp = processes.queue.messages().stream()
                .filter(m -> m instanceof Message.TimerWakeUp)
                .map(m -> (Message.TimerWakeUp) m)
                .findFirst()
                .orElseThrow();
        processes.clock.advanceTo(Instant.ofEpochMilli(wakeUp.dueAtMillis()));
        recordNextTransaction();
        process.processor().fireTimer(wakeUp);
        recordNextTransaction();
        process.processor().delete(InMemoryProcesses.CALLER, MACHINE, INSTANCE);

        assertThat(asked)
                .containsExactly(new Asked(0, 1, 0), new Asked(1, 2, 0), new Asked(2, 3, 1), new Asked(3, 0, -1));
        assertThat(transactions).hasSize(4);
        ItemKey instanceItem = InstanceKeys.instance(InMemoryProcesses.ORG, MACHINE, INSTANCE);
        for (int i = 0; i < 4; i++) {
            ItemKey expected = new ItemKey("marker", i < 3 ? Long.toString(i + 1) : "deleted");
            assertThat(transactions.get(i))
                    .extracting(Write::key)
                    .as("write %d", i + 1)
                    .contains(instanceItem, expected);
        }
    }
}
