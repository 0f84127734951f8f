package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.failures.Conflict;
import dev.statebacked.failures.DomainException;
import dev.statebacked.failures.InvalidInput;
import dev.statebacked.failures.NoMigrationPath;
import dev.statebacked.failures.NotFound;
import dev.statebacked.failures.RejectedByAuthorizer;
import dev.statebacked.failures.StillProcessing;
import dev.statebacked.failures.TooLarge;
import dev.statebacked.failures.UploadRefused;
import dev.statebacked.failures.UserCodeFailed;
import dev.statebacked.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the processor function answers: the settled state, or the refusal (not found, paused, rejected by the
 * authorizer, user code error, ...) that the API function gives its caller exactly as if it had processed the
 * event itself: {@code {"refused": {"failure": kind, "error": message[, "parameter"]}}}.
 */
public final class ProcessingOutcome {
    private ProcessingOutcome() {}

    public static byte[] settled(InstanceState state) {
        ObjectNode outcome = Json.MAPPER.createObjectNode();
        outcome.set("state", Json.MAPPER.valueToTree(state.toJson()));
        return bytes(outcome);
    }

    public static byte[] refused(DomainException refusal) {
        ObjectNode failure =
                Json.MAPPER.createObjectNode().put("failure", kind(refusal)).put("error", refusal.getMessage());
        if (refusal instanceof InvalidInput invalid && invalid.parameter() != null) {
            failure.put("parameter", invalid.parameter());
        }
        ObjectNode outcome = Json.MAPPER.createObjectNode();
        outcome.set("refused", failure);
        return bytes(outcome);
    }

    /** The settled state, or the refusal thrown as the {@link DomainException} the processor threw. */
    public static InstanceState read(byte[] outcome) {
        JsonNode json = Json.readStored(new String(outcome, StandardCharsets.UTF_8));
        JsonNode refused = json.get("refused");
        if (refused != null) {
            throw refusal(
                    refused.path("failure").asText(),
                    refused.path("error").asText(),
                    refused.path("parameter").asText(null));
        }
        JsonNode state = json.get("state");
        if (state == null) {
            throw new IllegalStateException("the processor answered neither a state nor a refusal: " + json);
        }
        List<String> tags = new ArrayList<>();
        state.path("tags").forEach(tag -> tags.add(tag.asText()));
        return new InstanceState(
                state.path("ts").asLong(),
                state.get("state"),
                state.get("publicContext"),
                tags,
                state.path("done").asBoolean());
    }

    private static String kind(DomainException refusal) {
        return switch (refusal) {
            case NotFound notFound -> "not-found";
            case Conflict conflict -> "conflict";
            case RejectedByAuthorizer rejected -> "rejected-by-authorizer";
            case UserCodeFailed userCode -> "user-code-failed";
            case InvalidInput invalid -> "invalid-input";
            case TooLarge tooLarge -> "too-large";
            case UploadRefused uploadRefused -> "upload-refused";
            case NoMigrationPath noPath -> "no-migration-path";
            case StillProcessing stillProcessing -> "still-processing";
        };
    }

    private static DomainException refusal(String kind, String message, String parameter) {
        return switch (kind) {
            case "not-found" -> new NotFound(message);
            case "conflict" -> new Conflict(message);
            case "rejected-by-authorizer" -> new RejectedByAuthorizer(message);
            case "user-code-failed" -> new UserCodeFailed(message);
            case "invalid-input" -> new InvalidInput(parameter, message);
            case "too-large" -> new TooLarge(message);
            case "upload-refused" -> new UploadRefused(message);
            case "no-migration-path" -> new NoMigrationPath(message);
            case "still-processing" -> new StillProcessing(message);
            default ->
                throw new IllegalStateException(
                        "the processor refused with an unknown failure " + kind + ": " + message);
        };
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
