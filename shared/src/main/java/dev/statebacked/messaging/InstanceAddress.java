package dev.statebacked.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.json.Json;

/** An instance of a machine within an org: where a message goes or whom it comes from. */
public record InstanceAddress(String machineName, String instanceName) {
    /** The {@code authContext} of an event this instance sends: {@code {stateBackedSender: {machineName, machineInstanceName}}}. */
    public JsonNode asSenderAuthContext() {
        ObjectNode context = Json.MAPPER.createObjectNode();
        context.putObject("stateBackedSender").put("machineName", machineName).put("machineInstanceName", instanceName);
        return context;
    }
}
