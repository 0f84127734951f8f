package dev.statebacked.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Arguments of {@code allowWrite}: either an event for an existing instance or the creation of one.
 * {@code authContext} carries {@code stateBackedSender: {machineName, machineInstanceName}} for messages between instances.
 */
public sealed interface WriteRequest {
    record Event(String machineInstanceName, JsonNode authContext, PersistedState state, JsonNode event)
            implements WriteRequest {}

    record Initialization(String machineInstanceName, JsonNode authContext, JsonNode context) implements WriteRequest {}
}
