package dev.statebacked.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.statebacked.engine.MachineEngine;
import dev.statebacked.failures.DomainException;
import dev.statebacked.instances.InstanceProcessor;
import dev.statebacked.instances.ProcessingCommand;
import dev.statebacked.instances.ProcessingOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/**
 * The processor function: runs an API caller's event (or create) to a settled state within the settle budget,
 * invoked by the API function, which answers its caller within API Gateway's limit.
 */
public final class ProcessorHandler implements RequestStreamHandler {
    private final InstanceProcessor processor;
    private final SnapStartHooks snapStart;

    public ProcessorHandler() {
        this(System.getenv());
    }

    public ProcessorHandler(Map<String, String> environment) {
        this(environment, ProcessEngine.get(), Clock.systemUTC());
    }

    /** With an engine the caller shares and the clock timers are due by (the local stack's tests move it). */
    public ProcessorHandler(Map<String, String> environment, MachineEngine engine, Clock timerClock) {
        Core core = new Core(environment, engine, timerClock);
        this.processor = core.processor;
        this.snapStart = SnapStartHooks.register(core::prime, core::afterRestore);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ProcessingCommand command = ProcessingCommand.fromJson(input.readAllBytes());
        byte[] outcome;
        try {
            outcome = ProcessingOutcome.settled(command.runOn(processor));
        } catch (DomainException refused) {
            outcome = ProcessingOutcome.refused(refused);
        }
        output.write(outcome);
    }
}
