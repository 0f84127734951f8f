package dev.statebacked.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.statebacked.messaging.MessageDispatcher;
import dev.statebacked.engine.MachineEngine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The queue worker: delivers each message of an SQS batch and reports the ones that failed
 * ({@code ReportBatchItemFailures}), so only those are retried.
 */
public final class QueueWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final MessageDispatcher dispatcher;

    public QueueWorkerHandler() {
        this(System.getenv());
    }

    public QueueWorkerHandler(Map<String, String> environment) {
        this(environment, ProcessEngine.get(), Clock.systemUTC());
    }

    /** With an engine the caller shares and the clock timers are due by (the local stack's tests move it). */
    public QueueWorkerHandler(Map<String, String> environment, MachineEngine engine, Clock timerClock) {
        // message kinds (events between instances, timers, child creation) register here as they are built
        this.dispatcher = new MessageDispatcher(List.of());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (!dispatcher.deliver(message.getMessageId(), message.getBody())) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
