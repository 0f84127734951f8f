package dev.statebacked.store;

import dev.statebacked.config.AwsClients;
import dev.statebacked.local.dynamodb.DynamoDbEmulator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class EmbeddedItemStoreTest extends DynamoItemStoreContract {
    @TempDir
    static Path dataDir;

    private static DynamoDbEmulator emulator;
    private static AwsClients aws;

    @BeforeAll
    static void start() {
        emulator = DynamoDbEmulator.start(dataDir, 0);
        aws = new AwsClients(Map.of(
                "AWS_REGION",
                "us-east-1",
                "AWS_ACCESS_KEY_ID",
                "local",
                "AWS_SECRET_ACCESS_KEY",
                "local",
                "AWS_ENDPOINT_URL_DYNAMODB",
                emulator.endpoint().toString()));
        createTable(aws.dynamoDb());
    }

    @AfterAll
    static void stop() throws Exception {
        aws.close();
        emulator.close();
    }

    @Override
    DynamoDbClient dynamoDb() {
        return aws.dynamoDb();
    }
}
