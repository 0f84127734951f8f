package dev.statebacked.local.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.statebacked.local.sqs.SqsEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS JSON 1.1 subset of Secrets Manager that the service and the local stack call: CreateSecret and
 * GetSecretValue of string secrets, with the members and error types of the SDK's model. The operation is
 * named by the {@code X-Amz-Target} header, {@code secretsmanager.<Operation>}.
 */
final class SecretsManagerApi implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(SecretsManagerApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "secretsmanager.";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final String ARN_PREFIX =
            "arn:aws:secretsmanager:" + SqsEmulator.REGION + ":" + SqsEmulator.ACCOUNT_ID + ":secret:";
    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final SecretStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SecretsManagerApi(SecretStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                respond(exchange, 200, route(exchange));
            } catch (SecretsManagerException e) {
                respond(
                        exchange,
                        400,
                        JSON.createObjectNode().put("__type", e.type()).put("Message", e.getMessage()));
            } catch (RuntimeException e) {
                log.error(
                        "secrets manager request {} failed",
                        exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                        e);
                respond(
                        exchange,
                        500,
                        JSON.createObjectNode()
                                .put("__type", "InternalServiceError")
                                .put("Message", String.valueOf(e.getMessage())));
            }
        }
    }

    private ObjectNode route(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!exchange.getRequestMethod().equals("POST") || target == null || !target.startsWith(TARGET_PREFIX)) {
            throw SecretsManagerException.invalidRequest(
                    "not a Secrets Manager JSON 1.1 request: " + exchange.getRequestMethod() + " " + target);
        }
        JsonNode request = body(exchange);
        return switch (target.substring(TARGET_PREFIX.length())) {
            case "CreateSecret" -> createSecret(request);
            case "GetSecretValue" -> getSecretValue(request);
            default ->
                throw SecretsManagerException.invalidRequest("the local Secrets Manager does not implement " + target);
        };
    }

    private ObjectNode createSecret(JsonNode request) {
        String name = request.path("Name").asText("");
        if (!NAME.matcher(name).matches()) {
            throw SecretsManagerException.invalidParameter("Name must be 1 to 512 of [A-Za-z0-9/_+=.@-], was " + name);
        }
        if (request.hasNonNull("SecretBinary") || !request.hasNonNull("SecretString")) {
            throw SecretsManagerException.invalidRequest("the local Secrets Manager keeps SecretString values only");
        }
        String value = request.get("SecretString").asText();
        String token = request.hasNonNull("ClientRequestToken")
                ? request.get("ClientRequestToken").asText()
                : null;
        synchronized (store) {
            var existing = store.named(name);
            if (existing.isPresent()) {
                Secret secret = existing.get();
                // the SDK retries with the same idempotency token: that is the same request, not a second secret
                if (token != null && token.equals(secret.versionId()) && value.equals(secret.secretString())) {
                    return created(secret);
                }
                throw SecretsManagerException.exists(name);
            }
            Secret secret = new Secret(
                    name,
                    ARN_PREFIX + name + "-" + arnSuffix(),
                    token != null ? token : UUID.randomUUID().toString(),
                    value,
                    request.hasNonNull("Description")
                            ? request.get("Description").asText()
                            : null,
                    clock.instant());
            store.add(secret);
            return created(secret);
        }
    }

    private ObjectNode getSecretValue(JsonNode request) {
        String secretId = request.path("SecretId").asText("");
        Secret secret = store.find(secretId).orElseThrow(() -> SecretsManagerException.notFound(secretId));
        String versionId = request.path("VersionId").asText(secret.versionId());
        String stage = request.path("VersionStage").asText("AWSCURRENT");
        if (!versionId.equals(secret.versionId()) || !stage.equals("AWSCURRENT")) {
            throw SecretsManagerException.notFound(secretId + " (version " + versionId + ", stage " + stage + ")");
        }
        ObjectNode out = JSON.createObjectNode()
                .put("ARN", secret.arn())
                .put("Name", secret.name())
                .put("VersionId", secret.versionId())
                .put("SecretString", secret.secretString());
        out.putArray("VersionStages").add("AWSCURRENT");
        putTimestamp(out, "CreatedDate", secret.createdDate());
        return out;
    }

    private static ObjectNode created(Secret secret) {
        return JSON.createObjectNode()
                .put("ARN", secret.arn())
                .put("Name", secret.name())
                .put("VersionId", secret.versionId());
    }

    /** AWS ends a secret's ARN with six random characters, so a secret made again under the same name has a new ARN. */
    private String arnSuffix() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return suffix.toString();
    }

    /** Timestamps travel as epoch seconds, the JSON protocols' default. */
    private static void putTimestamp(ObjectNode node, String member, Instant value) {
        node.put(member, BigDecimal.valueOf(value.toEpochMilli()).movePointLeft(3));
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw SecretsManagerException.invalidRequest("the request body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
