package dev.statebacked.instances;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * An API caller's event for an instance, as the API function hands it to the processor function: everything the
 * processor needs, the caller already authenticated. {@code requestId} marks the transitions the command wrote,
 * so that the API function can tell, when it stops waiting, whether at least one was written.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ProcessingCommand.Create.class, name = "create"),
    @JsonSubTypes.Type(value = ProcessingCommand.Send.class, name = "send")
})
public sealed interface ProcessingCommand {
    String requestId();

    String orgId();

    String machineName();

    String instanceName();

    /** Runs the command to a settled state (or the end of the settle budget). */
    InstanceState runOn(InstanceProcessor processor);

    record Create(
            String requestId,
            String orgId,
            JsonNode authContext,
            String machineName,
            String instanceName,
            JsonNode context,
            String machineVersionId)
            implements ProcessingCommand {
        @Override
        public InstanceState runOn(InstanceProcessor processor) {
            return processor.create(
                    orgId,
                    authContext,
                    machineName,
                    instanceName,
                    context,
                    Optional.ofNullable(machineVersionId),
                    Optional.of(requestId));
        }
    }

    record Send(
            String requestId,
            String orgId,
            JsonNode authContext,
            String machineName,
            String instanceName,
            JsonNode event)
            implements ProcessingCommand {
        @Override
        public InstanceState runOn(InstanceProcessor processor) {
            return processor.send(orgId, authContext, machineName, instanceName, event, Optional.of(requestId));
        }
    }

    static byte[] toJson(ProcessingCommand command) {
        try {
            return Json.MAPPER.writerFor(ProcessingCommand.class).writeValueAsBytes(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProcessingCommand fromJson(byte[] json) {
        try {
            return Json.MAPPER.readValue(json, ProcessingCommand.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a processing command: " + e.getMessage(), e);
        }
    }
}
