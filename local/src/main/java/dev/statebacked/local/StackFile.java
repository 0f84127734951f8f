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
 * ports are picked anew), so operator commands such as {@code statebacked dlq} reach its queues.
 */
public record StackFile(
        String apiUrl, String sqsEndpoint, String region, String workQueueUrl, String deadLetterQueueUrl) {
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
                    node.path("deadLetterQueueUrl").asText()));
        } catch (IOException e) {
            throw new LocalStackException("cannot read " + file + ": " + e.getMessage());
        }
    }

    void write(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("apiUrl", apiUrl);
        fields.put("sqsEndpoint", sqsEndpoint);
        fields.put("region", region);
        fields.put("workQueueUrl", workQueueUrl);
        fields.put("deadLetterQueueUrl", deadLetterQueueUrl);
        try {
            PrivateFiles.write(file, Json.write(fields) + "\n");
        } catch (IOException e) {
            throw new LocalStackException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
