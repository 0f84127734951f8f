package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.auth.Caller;
import java.util.Optional;

/** Where the API's events for instances are processed: what a create or send answers its caller. */
public interface EventProcessing {
    InstanceState create(
            Caller caller,
            String machineName,
            String instanceName,
            JsonNode context,
            Optional<String> requestedVersionId);

    InstanceState send(Caller caller, String machineName, String instanceName, JsonNode event);
}
