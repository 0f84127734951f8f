package dev.statebacked.local.dynamodb;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Starts an emulator on a fresh directory before each test and gives tests real SDK clients pointed at it.
 * Register with {@code @RegisterExtension final EmulatorExtension ddb = new EmulatorExtension();}.
 */
final class EmulatorExtension implements BeforeEachCallback, AfterEachCallback {
    private Path dataDir;
    private DynamoDbEmulator emulator;
    private DynamoDbClient client;
    private DynamoDbStreamsClient streams;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("ddb-emulator-test");
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    void start() {
        emulator = DynamoDbEmulator.start(dataDir, 0);
        client = client(emulator.endpoint());
        streams = streamsClient(emulator.endpoint());
    }

    void stop() {
        if (client != null) client.close();
        if (streams != null) streams.close();
        if (emulator != null) emulator.close();
        client = null;
        streams = null;
        emulator = null;
    }

    /** Simulates a restart of the local stack on the same data directory. */
    void restart() {
        stop();
        start();
    }

    Path dataDir() {
        return dataDir;
    }

    DynamoDbEmulator emulator() {
        return emulator;
    }

    DynamoDbClient client() {
        return client;
    }

    DynamoDbStreamsClient streams() {
        return streams;
    }

    static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    static DynamoDbStreamsClient streamsClient(URI endpoint) {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    /** Creates a table with a string partition key "pk" and, when sortKeyType is not null, a sort key "sk". */
    void createTable(String name, ScalarAttributeType sortKeyType) {
        client.createTable(b -> {
            b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST);
            if (sortKeyType == null) {
                b.attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("pk")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("pk")
                                .keyType(KeyType.HASH)
                                .build());
            } else {
                b.attributeDefinitions(
                                AttributeDefinition.builder()
                                        .attributeName("pk")
                                        .attributeType(ScalarAttributeType.S)
                                        .build(),
                                AttributeDefinition.builder()
                                        .attributeName("sk")
                                        .attributeType(sortKeyType)
                                        .build())
                        .keySchema(
                                KeySchemaElement.builder()
                                        .attributeName("pk")
                                        .keyType(KeyType.HASH)
                                        .build(),
                                KeySchemaElement.builder()
                                        .attributeName("sk")
                                        .keyType(KeyType.RANGE)
                                        .build());
            }
        });
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(Object value) {
        return AttributeValue.fromN(value.toString());
    }

    static Map<String, AttributeValue> item(Object... namesAndValues) {
        var map = new java.util.LinkedHashMap<String, AttributeValue>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object v = namesAndValues[i + 1];
            map.put(
                    (String) namesAndValues[i],
                    v instanceof AttributeValue a
                            ? a
                            : v instanceof Number
                                    ? n(v)
                                    : v instanceof Boolean bool ? AttributeValue.fromBool(bool) : s(v.toString()));
        }
        return map;
    }

    static List<String> strings(List<Map<String, AttributeValue>> items, String attribute) {
        return items.stream()
                .map(i -> i.get(attribute).s() != null
                        ? i.get(attribute).s()
                        : i.get(attribute).n())
                .toList();
    }
}
