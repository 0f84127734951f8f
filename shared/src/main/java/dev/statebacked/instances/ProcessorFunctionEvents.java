package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.auth.Caller;
import dev.statebacked.failures.NotFound;
import dev.statebacked.failures.StillProcessing;
import dev.statebacked.messaging.InstanceAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The API function's {@link EventProcessing}: each event is processed by the processor function, whose timeout
 * leaves room for the whole settle budget, while the API must answer within API Gateway's 30 s. When the
 * processor has not answered within {@code answerWithin}, the caller gets the instance's stored state if at least
 * one transition was written for its request (settling goes on in the processor), else a 504 saying the event is
 * still being processed.
 */
public final class ProcessorFunctionEvents implements EventProcessing {
    private final FunctionInvoker processor;
    private final InstanceRepository instances;
    private final Duration answerWithin;
    private final Clock clock;

    public ProcessorFunctionEvents(
            FunctionInvoker processor, InstanceRepository instances, Duration answerWithin, Clock clock) {
        this.processor = processor;
        this.instances = instances;
        this.answerWithin = answerWithin;
        this.clock = clock;
    }

    @Override
    public InstanceState create(
            Caller caller,
            String machineName,
            String instanceName,
            JsonNode context,
            Optional<String> requestedVersionId) {
        return run(new ProcessingCommand.Create(
                UUID.randomUUID().toString(),
                caller.orgId(),
                caller.authContext(),
                machineName,
                instanceName,
                context,
                requestedVersionId.orElse(null)));
    }

    @Override
    public InstanceState send(Caller caller, String machineName, String instanceName, JsonNode event) {
        return run(new ProcessingCommand.Send(
                UUID.randomUUID().toString(), caller.orgId(), caller.authContext(), machineName, instanceName, event));
    }

    private InstanceState run(ProcessingCommand command) {
        // a second of slack: the history's timestamps come from another machine's clock
        Instant since = clock.instant().minusSeconds(1);
        Optional<byte[]> outcome = processor.invoke(ProcessingCommand.toJson(command), answerWithin);
        if (outcome.isPresent()) {
            return ProcessingOutcome.read(outcome.get());
        }
        InstanceAddress address = new InstanceAddress(command.machineName(), command.instanceName());
        if (instances.wroteForRequest(command.orgId(), address, command.requestId(), since)) {
            return instances
                    .find(command.orgId(), command.machineName(), command.instanceName())
                    .map(InstanceState::of)
                    .orElseThrow(() -> new NotFound("no instance " + command.instanceName()));
        }
        throw new StillProcessing("instance " + command.instanceName()
                + " has not processed the event within " + answerWithin.toSeconds()
                + " s; it is still being processed, read the instance for its outcome");
    }
}
