package dev.statebacked.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code stack.json}: where the running local stack's services listen, rewritten at every start (the emulators'
 * ports are picked anew), so operator commands ({@code statebacked dlq}, {@code statebacked orgs create}) reach it.
 */
public record StackFile(
        String apiUrl,
        String sqsEndpoint,
        String region,
        String workQueueUrl,
        String deadLetterQueueUrl,
        String dynamoDbEndpoint,
        String secretsManagerEndpoint,
        String tableName,
        String masterKeySecretArn) {
    public static final String FILE_NAME = "stack.json";

    public static Optional<StackFile> read(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(file.toFile());
            return Optional.of(new StackFile(
                    node.path("apiUrl").asText(),
                    node.path("sqsEndpoint").asText(),
                    node.path("region").asText(),
                    node.path("workQueueUrl").asText(),
                    node.path("deadLetterQueueUrl").asText(),
                    node.path("dynamoDbEndpoint").asText(),
                    node.path("secretsManagerEndpoint").asText(),
                    node.path("tableName").asText(),
                    node.path("masterKeySecretArn").asText()));
        } catch (IOException e) {
            throw new LocalStackException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** What an AWS SDK client needs to reach this stack's emulators (as {@code AwsClients} reads it). */
    public Map<String, String> clientEnvironment() {
        return Map.of(
                "AWS_REGION", region,
                "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_ENDPOINT_URL_SQS", sqsEndpoint,
                "AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint,
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManagerEndpoint);
    }

    void write(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("apiUrl", apiUrl);
        fields.put("sqsEndpoint", sqsEndpoint);
        fields.put("region", region);
        fields.put("workQueueUrl", workQueueUrl);
        fields.put("deadLetterQueueUrl", deadLetterQueueUrl);
        fields.put("dynamoDbEndpoint", dynamoDbEndpoint);
        fields.put("secretsManagerEndpoint", secretsManagerEndpoint);
        fields.put("tableName", tableName);
        fields.put("masterKeySecretArn", masterKeySecretArn);
        try {
            PrivateFiles.write(file, Json.write(fields) + "\n");
        } catch (IOException e) {
            throw new LocalStackException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
