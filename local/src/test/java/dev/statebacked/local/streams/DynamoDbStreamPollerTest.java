package dev.statebacked.local.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.statebacked.config.AwsClients;
import dev.statebacked.config.Settings;
import dev.statebacked.store.DynamoItemStore;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import dev.statebacked.testing.RunningStack;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The local stack's stand-in for Lambda's DynamoDB-stream trigger. */
class DynamoDbStreamPollerTest {
    private final Map<String, String> env = RunningStack.get().apiEnvironment();
    private final String table = Settings.fromEnvironment(env).tableName();

    @Test
    void insertsModificationsAndRemovalsArriveInOrderWithImages() throws Exception {
        List<DynamodbEvent.DynamodbStreamRecord> seen = new CopyOnWriteArrayList<>();
        ItemKey key = new ItemKey("stream#" + System.nanoTime(), "item");
        try (AwsClients aws = new AwsClients(env);
                DynamoDbStreamsClient streams = streamsClient();
                DynamoDbStreamPoller poller =
                        DynamoDbStreamPoller.start(streams, streamArn(aws), "us-east-1", event -> {
                            event.getRecords().stream()
                                    .filter(r -> r.getDynamodb()
                                            .getKeys()
                                            .get("pk")
                                            .getS()
                                            .equals(key.partition()))
                                    .forEach(seen::add);
                            return new StreamsEventResponse();
                        })) {
            var store = new DynamoItemStore(aws.dynamoDb(), table);
            store.write(new Write.PutIfAbsent(StoredItem.of(key, 1, "{\"v\":1}")));
            store.write(new Write.PutIfSequence(StoredItem.of(key, 2, "{\"v\":2}"), 1));
            store.write(new Write.Delete(key));

            await(() -> seen.size() >= 3);
        }
        assertThat(seen)
                .extracting(DynamodbEvent.DynamodbStreamRecord::getEventName)
                .containsExactly("INSERT", "MODIFY", "REMOVE");
        assertThat(seen.get(1).getDynamodb().getOldImage().get("body").getS()).isEqualTo("{\"v\":1}");
        assertThat(seen.get(1).getDynamodb().getNewImage().get("body").getS()).isEqualTo("{\"v\":2}");
        assertThat(seen.get(1).getDynamodb().getNewImage().get("seq").getN()).isEqualTo("2");
    }

    @Test
    void aDeletionByTimeToLiveArrivesAsARemoveByTheDynamoDbServiceAsLambdaDeliversIt() throws Exception {
        List<DynamodbEvent.DynamodbStreamRecord> seen = new CopyOnWriteArrayList<>();
        String partition = "stream-ttl#" + System.nanoTime();
        ItemKey expired = new ItemKey(partition, "expired");
        ItemKey deleted = new ItemKey(partition, "deleted");
        try (AwsClients aws = new AwsClients(env);
                DynamoDbStreamsClient streams = streamsClient();
                DynamoDbStreamPoller poller =
                        DynamoDbStreamPoller.start(streams, streamArn(aws), "us-east-1", event -> {
                            event.getRecords().stream()
                                    .filter(r -> r.getEventName().equals("REMOVE")
                                            && r.getDynamodb()
                                                    .getKeys()
                                                    .get("pk")
                                                    .getS()
                                                    .equals(partition))
                                    .forEach(seen::add);
                            return new StreamsEventResponse();
                        })) {
            var store = new DynamoItemStore(aws.dynamoDb(), table);
            store.write(new Write.Put(StoredItem.of(deleted, 1, "{}")));
            store.write(new Write.Delete(deleted));
            store.write(new Write.Put(
                    StoredItem.of(expired, 1, "{}").expiringAt(Instant.now().minusSeconds(60))));
            RunningStack.get().runDynamoDbMaintenanceNow();

            await(() -> seen.size() >= 2);
        }
        DynamodbEvent.DynamodbStreamRecord byUser = seen.get(0);
        DynamodbEvent.DynamodbStreamRecord byTtl = seen.get(1);
        assertThat(byUser.getDynamodb().getKeys().get("sk").getS()).isEqualTo("deleted");
        assertThat(byUser.getUserIdentity()).isNull();
        assertThat(byTtl.getDynamodb().getKeys().get("sk").getS()).isEqualTo("expired");
        assertThat(byTtl.getUserIdentity().getType()).isEqualTo("Service");
        assertThat(byTtl.getUserIdentity().getPrincipalId()).isEqualTo("dynamodb.amazonaws.com");
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(byTtl));
        var payload = dev.statebacked.json.Json.readStored(new String(
                dev.statebacked.local.lambda.LambdaPayloads.streamEvent(event),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(payload.path("Records")
                        .path(0)
                        .path("userIdentity")
                        .path("type")
                        .asText())
                .as("the payload a function in its own JVM (--lambda) gets")
                .isEqualTo("Service");
        assertThat(payload.path("Records")
                        .path(0)
                        .path("userIdentity")
                        .path("principalId")
                        .asText())
                .isEqualTo("dynamodb.amazonaws.com");
    }

    @Test
    void aFailedBatchIsRedeliveredFromTheFailedRecord() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        AtomicBoolean failedOnce = new AtomicBoolean();
        String partition = "stream-retry#" + System.nanoTime();
        try (AwsClients aws = new AwsClients(env);
                DynamoDbStreamsClient streams = streamsClient();
                DynamoDbStreamPoller poller =
                        DynamoDbStreamPoller.start(streams, streamArn(aws), "us-east-1", event -> {
                            for (var record : event.getRecords()) {
                                if (!record.getDynamodb()
                                        .getKeys()
                                        .get("pk")
                                        .getS()
                                        .equals(partition)) {
                                    continue;
                                }
                                if (!failedOnce.getAndSet(true)) {
                                    throw new IllegalStateException("first delivery fails");
                                }
                                delivered.add(
                                        record.getDynamodb().getKeys().get("sk").getS());
                            }
                            return new StreamsEventResponse();
                        })) {
            var store = new DynamoItemStore(aws.dynamoDb(), table);
            store.write(new Write.Put(StoredItem.of(new ItemKey(partition, "a"), 1, "{}")));
            store.write(new Write.Put(StoredItem.of(new ItemKey(partition, "b"), 1, "{}")));

            await(() -> delivered.size() >= 2);
        }
        assertThat(failedOnce).isTrue();
        assertThat(delivered).containsExactly("a", "b");
    }

    private String streamArn(AwsClients aws) {
        return aws.dynamoDb().describeTable(b -> b.tableName(table)).table().latestStreamArn();
    }

    private DynamoDbStreamsClient streamsClient() {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL_DYNAMODB")))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    private static void await(Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.get() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }
}
