package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.auth.Caller;
import java.util.Optional;

/**
 * The API function's {@link EventProcessing}: an event whose transition starts no services is processed right here,
 * one function invocation per event; one that starts services (which may take the whole settle budget, longer than
 * API Gateway waits) is handed to {@code settling}, the processor function, with nothing written.
 */
public final class InlineFirstEvents implements EventProcessing {
    private final InstanceProcessor processor;
    private final EventProcessing settling;

    public InlineFirstEvents(InstanceProcessor processor, EventProcessing settling) {
        this.processor = processor;
        this.settling = settling;
    }

    @Override
    public InstanceState create(
            Caller caller,
            String machineName,
            String instanceName,
            JsonNode context,
            Optional<String> requestedVersionId) {
        try {
            return processor.createUnlessItSettles(
                    caller.orgId(), caller.authContext(), machineName, instanceName, context, requestedVersionId);
        } catch (SettlesElsewhere e) {
            return settling.create(caller, machineName, instanceName, context, requestedVersionId);
        }
    }

    @Override
    public InstanceState send(Caller caller, String machineName, String instanceName, JsonNode event) {
        try {
            return processor.sendUnlessItSettles(
                    caller.orgId(), caller.authContext(), machineName, instanceName, event);
        } catch (SettlesElsewhere e) {
            return settling.send(caller, machineName, instanceName, event);
        }
    }
}
