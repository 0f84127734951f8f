package dev.statebacked.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** Arguments of {@code allowRead}. */
public record ReadRequest(String machineInstanceName, JsonNode authContext, PersistedState state) {}
