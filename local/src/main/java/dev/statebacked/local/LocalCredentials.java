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
 * {@code credentials.json}: the admin key made on first start, for the CLI and for people to sign tokens with.
 * {@code {"apiUrl", "orgId", "keyId", "secret"}}.
 */
public record LocalCredentials(String apiUrl, String orgId, String keyId, String secret) {
    public static final String FILE_NAME = "credentials.json";

    public static Optional<LocalCredentials> read(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(file.toFile());
            return Optional.of(new LocalCredentials(
                    node.path("apiUrl").asText(),
                    node.path("orgId").asText(),
                    node.path("keyId").asText(),
                    node.path("secret").asText()));
        } catch (IOException e) {
            throw new LocalStackException("cannot read " + file + ": " + e.getMessage());
        }
    }

    public void write(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("apiUrl", apiUrl);
            fields.put("orgId", orgId);
            fields.put("keyId", keyId);
            fields.put("secret", secret);
            PrivateFiles.write(file, Json.write(fields) + "\n");
        } catch (IOException e) {
            throw new LocalStackException("cannot write " + file + ": " + e.getMessage());
        }
    }

    public LocalCredentials withApiUrl(String url) {
        return new LocalCredentials(url, orgId, keyId, secret);
    }
}
