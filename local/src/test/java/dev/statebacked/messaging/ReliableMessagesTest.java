package dev.statebacked.messaging;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.json.Json;
import dev.statebacked.local.LocalStack;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.Eventually;
import dev.statebacked.testing.InstanceLogs;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.RunningStack;
import dev.statebacked.testing.StackQueues;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * semantics.md: delivery between instances is at least once on the wire, exactly once in the receiver's history
 * (by message id), attempted at most 5 times, then parked in the dead-letter queue for an operator to re-drive.
 * Messages are put on the stack's real work queue, as a sending instance's processor puts them.
 */
class ReliableMessagesTest {
    private static final LocalStack stack = RunningStack.get();
    private static final ApiClient admin = RunningStack.adminClient();
    private static final InstanceAddress SENDER = new InstanceAddress("sender-machine", "sender-1");
    private static StackQueues queues;
    private static MessageQueue workQueue;

    @BeforeAll
    static void connectToTheQueues() {
        queues = new StackQueues(stack);
        workQueue = queues.workQueue();
    }

    @AfterAll
    static void close() {
        queues.close();
    }

    @Test
    void aRedeliveredMessageIsAppliedOnce() {
        MachineInstances togglers =
                new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "toggler.js"));
        String name = freshName("t");
        togglers.created(name, null);
        Message.Event toggle = event(togglers.machine(), name, "toggle");

        workQueue.send(toggle, Duration.ZERO);
        Eventually.poll(Duration.ofSeconds(20), () -> togglers.history(name), h -> h.size() == 2);
        workQueue.sendAll(List.of(toggle, event(togglers.machine(), name, "toggle")));
        Eventually.poll(Duration.ofSeconds(20), () -> togglers.history(name), h -> h.size() >= 3);
        Eventually.sleep(Duration.ofSeconds(2)); // time for the duplicate to be handled, whatever order it came in

        assertThat(togglers.history(name))
                .extracting(t -> t.path("event").path("type").asText())
                .containsExactly("xstate.init", "toggle", "toggle");
        assertThat(togglers.get(name).json().path("state").asText()).isEqualTo("off");
    }

    @Test
    void aRejectedMessageIsTriedFiveTimesThenParkedAndARedriveDeliversItOnceTheReceiverAccepts() {
        MachineInstances gates = new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "gate.js"));
        String gate = freshName("gate");
        gates.created(gate, null);
        Message.Event knock = event(gates.machine(), gate, "knock");

        workQueue.send(knock, Duration.ZERO);
        Optional<DeadLetter> parked = Eventually.poll(Duration.ofSeconds(60), () -> parked(knock), Optional::isPresent);

        assertThat(parked).as("the message sits in the dead-letter queue").isPresent();
        assertThat(parked.get().receiveCount())
                .as("received 5 times before it was parked (+1 for this listing)")
                .isGreaterThanOrEqualTo(5);
        assertThat(gates.history(gate)).as("no attempt changed the receiver").hasSize(1);
        assertThat(Eventually.poll(
                        Duration.ofSeconds(10),
                        () -> InstanceLogs.of(stack, gates.machine(), gate),
                        logs -> !logs.isEmpty()))
                .as("the receiver's logs say the message was given up")
                .anySatisfy(line -> assertThat(line).contains(knock.id(), "given up after 5 attempts"));

        gates.sent(gate, "open");
        assertThat(queues.deadLetters().redrive(Optional.of(parked.get().messageId())))
                .isEqualTo(1);

        JsonNode knocked = Eventually.poll(
                Duration.ofSeconds(20),
                () -> gates.get(gate).json(),
                s -> s.path("publicContext").path("knocks").asInt() > 0);
        assertThat(knocked.path("publicContext").path("knocks").asInt()).isEqualTo(1);
        assertThat(parked(knock)).as("gone from the dead-letter queue").isEmpty();
    }

    private static Optional<DeadLetter> parked(Message message) {
        return queues.parked(message.id());
    }

    private static Message.Event event(String machine, String instance, String type) {
        return new Message.Event(
                UUID.randomUUID().toString(),
                stack.credentials().orgId(),
                new InstanceAddress(machine, instance),
                SENDER,
                Json.MAPPER.createObjectNode().put("type", type));
    }
}
