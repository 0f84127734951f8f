package dev.statebacked.messaging;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.config.AwsClients;
import dev.statebacked.config.Settings;
import dev.statebacked.instances.Instance;
import dev.statebacked.instances.InstanceRepository;
import dev.statebacked.json.Json;
import dev.statebacked.local.LocalStack;
import dev.statebacked.store.DynamoItemStore;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.Eventually;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.RunningStack;
import dev.statebacked.testing.StackQueues;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A processor that wrote a transition and died before sending its messages leaves them in the instance's outbox:
 * the recovery that every such write arms sends them, even though no other event comes for the instance.
 */
class CrashRecoveryTest {
    private static final LocalStack stack = RunningStack.get();
    private static final ApiClient admin = RunningStack.adminClient();

    @Test
    void messagesOfAProcessorThatDiedBeforeSendingThemAreSentByTheRecovery() {
        MachineInstances togglers =
                new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "toggler.js"));
        String sender = freshName("sender");
        String receiver = freshName("receiver");
        togglers.created(sender, null);
        togglers.created(receiver, null);
        String orgId = stack.credentials().orgId();
        try (AwsClients aws = new AwsClients(stack.apiEnvironment())) {
            DynamoItemStore store = new DynamoItemStore(
                    aws.dynamoDb(),
                    Settings.fromEnvironment(stack.apiEnvironment()).tableName());
            InstanceRepository instances = new InstanceRepository(store, java.time.Duration.ofDays(30));
            Instance before = instances.find(orgId, togglers.machine(), sender).orElseThrow();
            Message.Event unsent = new Message.Event(
                    UUID.randomUUID().toString(),
                    orgId,
                    new InstanceAddress(togglers.machine(), receiver),
                    before.address(),
                    Json.MAPPER.createObjectNode().put("type", "toggle"));
            // the dead processor: it wrote its outbox (as write number n + 1) and sent nothing
            instances.commit(instances.update(
                    before,
                    new Instance(
                            orgId,
                            before.address(),
                            before.sequence() + 1,
                            before.lifecycle(),
                            before.state(),
                            new Instance.Duties(List.of(), List.of(), List.of(unsent)),
                            before.parent(),
                            before.claim())));

            try (StackQueues queues = new StackQueues(stack)) {
                queues.workQueue()
                        .send(
                                new Message.Recovery(UUID.randomUUID().toString(), orgId, before.address()),
                                Duration.ZERO);
            }

            assertThat(Eventually.poll(
                            Duration.ofSeconds(20),
                            () -> togglers.get(receiver).json().path("state").asText(),
                            "on"::equals))
                    .as("the message the dead holder never sent arrived")
                    .isEqualTo("on");
            Eventually.sleep(Duration.ofSeconds(1));
            assertThat(togglers.history(receiver)).as("once").hasSize(2);
        }
    }
}
