package dev.statebacked.local.dynamodb;

import static dev.statebacked.local.dynamodb.EmulatorExtension.item;
import static dev.statebacked.local.dynamodb.EmulatorExtension.n;
import static dev.statebacked.local.dynamodb.EmulatorExtension.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class PersistenceTest {
    @RegisterExtension
    final EmulatorExtension ddb = new EmulatorExtension();

    @Test
    void tablesItemsIndexesAndStreamPositionsSurviveARestartOnTheSameDirectory() {
        ddb.client()
                .createTable(b -> b.tableName("machines")
                        .billingMode("PAY_PER_REQUEST")
                        .attributeDefinitions(def("pk", ScalarAttributeType.S), def("owner", ScalarAttributeType.S))
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("pk")
                                .keyType(KeyType.HASH)
                                .build())
                        .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                                .indexName("byOwner")
                                .keySchema(KeySchemaElement.builder()
                                        .attributeName("owner")
                                        .keyType(KeyType.HASH)
                                        .build())
                                .projection(p -> p.projectionType(ProjectionType.ALL))
                                .build())
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
        ddb.client().putItem(b -> b.tableName("machines").item(item("pk", "m1", "owner", "alice")));
        ddb.client().putItem(b -> b.tableName("machines").item(item("pk", "m2", "owner", "alice", "n", 2)));
        ddb.client()
                .updateTimeToLive(b -> b.tableName("machines")
                        .timeToLiveSpecification(t -> t.enabled(true).attributeName("expires")));
        String arn =
                ddb.client().describeTable(b -> b.tableName("machines")).table().latestStreamArn();
        String shardId = ddb.streams()
                .describeStream(b -> b.streamArn(arn))
                .streamDescription()
                .shards()
                .get(0)
                .shardId();
        String iterator = ddb.streams()
                .getShardIterator(
                        b -> b.streamArn(arn).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        var firstRead = ddb.streams().getRecords(b -> b.shardIterator(iterator).limit(1));
        String lastSequence = firstRead.records().get(0).dynamodb().sequenceNumber();

        ddb.restart();

        var table = ddb.client().describeTable(b -> b.tableName("machines")).table();
        assertThat(table.latestStreamArn()).isEqualTo(arn);
        assertThat(table.itemCount()).isEqualTo(2);
        assertThat(ddb.client()
                        .getItem(b -> b.tableName("machines").key(item("pk", "m2")))
                        .item())
                .isEqualTo(item("pk", "m2", "owner", "alice", "n", 2));
        assertThat(ddb.client()
                        .query(b -> b.tableName("machines")
                                .indexName("byOwner")
                                .keyConditionExpression("#o = :o")
                                .expressionAttributeNames(Map.of("#o", "owner"))
                                .expressionAttributeValues(Map.of(":o", s("alice"))))
                        .count())
                .isEqualTo(2);
        assertThat(ddb.client()
                        .describeTimeToLive(b -> b.tableName("machines"))
                        .timeToLiveDescription()
                        .attributeName())
                .isEqualTo("expires");
        // The iterator handed out before the restart resumes where it stopped, and numbering continues upwards.
        ddb.client().putItem(b -> b.tableName("machines").item(item("pk", "m3", "owner", "bob")));
        var resumed = ddb.streams()
                .getRecords(b -> b.shardIterator(firstRead.nextShardIterator()))
                .records();
        assertThat(resumed).extracting(r -> r.dynamodb().keys().get("pk").s()).containsExactly("m2", "m3");
        assertThat(new BigInteger(resumed.get(1).dynamodb().sequenceNumber()))
                .isGreaterThan(new BigInteger(lastSequence));
    }

    @Test
    void expiredItemsAreDeletedWithAServiceRemoveRecord() {
        ddb.client()
                .createTable(b -> b.tableName("sessions")
                        .billingMode("PAY_PER_REQUEST")
                        .attributeDefinitions(def("pk", ScalarAttributeType.S))
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("pk")
                                .keyType(KeyType.HASH)
                                .build())
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.OLD_IMAGE)));
        ddb.client()
                .updateTimeToLive(b -> b.tableName("sessions")
                        .timeToLiveSpecification(t -> t.enabled(true).attributeName("expires")));
        long now = System.currentTimeMillis() / 1000;
        ddb.client().putItem(b -> b.tableName("sessions").item(item("pk", "old", "expires", n(now - 10))));
        ddb.client().putItem(b -> b.tableName("sessions").item(item("pk", "new", "expires", n(now + 3600))));
        ddb.emulator().runMaintenanceNow();
        assertThat(ddb.client().scan(b -> b.tableName("sessions")).items())
                .extracting(i -> i.get("pk").s())
                .containsExactly("new");
        String arn =
                ddb.client().describeTable(b -> b.tableName("sessions")).table().latestStreamArn();
        String shardId = ddb.streams()
                .describeStream(b -> b.streamArn(arn))
                .streamDescription()
                .shards()
                .get(0)
                .shardId();
        String iterator = ddb.streams()
                .getShardIterator(
                        b -> b.streamArn(arn).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        var records = ddb.streams().getRecords(b -> b.shardIterator(iterator)).records();
        assertThat(records.getLast().eventNameAsString()).isEqualTo("REMOVE");
        assertThat(records.getLast().userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
    }

    @Test
    void secondEmulatorInTheSameProcessOnTheSameDirectoryFailsClearly() {
        assertThatThrownBy(() -> DynamoDbEmulator.start(ddb.dataDir(), 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already in use by another emulator")
                .hasMessageContaining(ddb.dataDir().toString());
        // The running emulator is unaffected.
        assertThat(ddb.client().listTables().tableNames()).isEmpty();
    }

    @Test
    void secondProcessOnTheSameDirectoryFailsClearly() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        DynamoDbEmulator.class.getName(),
                        ddb.dataDir().toString(),
                        "0")
                .redirectErrorStream(true)
                .start();
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        if (!exited) process.destroyForcibly();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("second process should exit, output: %s", output).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("already in use by another emulator");
        assertThat(ddb.client().listTables().tableNames()).isEqualTo(List.of());
    }

    @Test
    void acknowledgedWritesSurviveTheEmulatorProcessBeingKilled() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ddb-emulator-crash");
        String javaBinary = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(
                        javaBinary,
                        "-cp",
                        System.getProperty("java.class.path"),
                        DynamoDbEmulator.class.getName(),
                        dir.toString(),
                        "0")
                .redirectErrorStream(true)
                .start();
        try {
            var output = new java.io.BufferedReader(
                    new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = output.readLine();
            } while (line != null && !line.startsWith("DynamoDB emulator listening on "));
            assertThat(line).as("child emulator start-up line").isNotNull();
            java.net.URI endpoint = java.net.URI.create(
                    line.substring("DynamoDB emulator listening on ".length()).trim());
            try (var client = EmulatorExtension.client(endpoint)) {
                client.createTable(b -> b.tableName("machines")
                        .billingMode("PAY_PER_REQUEST")
                        .attributeDefinitions(def("pk", ScalarAttributeType.S))
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("pk")
                                .keyType(KeyType.HASH)
                                .build()));
                for (int i = 0; i < 20; i++) {
                    int v = i;
                    client.putItem(b -> b.tableName("machines").item(item("pk", "m" + v, "n", v)));
                }
                client.updateItem(b -> b.tableName("machines")
                        .key(item("pk", "m0"))
                        .updateExpression("SET n = :n")
                        .expressionAttributeValues(Map.of(":n", n(100))));
            }
        } finally {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no store close
            process.waitFor(30, TimeUnit.SECONDS);
        }
        try (var reopened = DynamoDbEmulator.start(dir, 0);
                var client = EmulatorExtension.client(reopened.endpoint())) {
            assertThat(client.scan(b -> b.tableName("machines")).count()).isEqualTo(20);
            assertThat(client.getItem(b -> b.tableName("machines").key(item("pk", "m0")))
                            .item()
                            .get("n"))
                    .isEqualTo(n(100));
        } finally {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static AttributeDefinition def(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(type)
                .build();
    }
}
