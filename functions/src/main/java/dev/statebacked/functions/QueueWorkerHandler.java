package dev.statebacked.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.statebacked.engine.MachineEngine;
import dev.statebacked.instances.InstanceMessages;
import dev.statebacked.messaging.MessageDispatcher;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * The queue worker: delivers each message of an SQS batch and reports the ones that failed
 * ({@code ReportBatchItemFailures}), so only those are retried, when {@link RetryDecisions} says.
 */
public final class QueueWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final MessageDispatcher dispatcher;
    private final SnapStartHooks snapStart;

    public QueueWorkerHandler() {
        this(System.getenv());
    }

    public QueueWorkerHandler(Map<String, String> environment) {
        this(environment, ProcessEngine.get(), Clock.systemUTC());
    }

    /** With an engine the caller shares and the clock timers are due by (the local stack's tests move it). */
    public QueueWorkerHandler(Map<String, String> environment, MachineEngine engine, Clock timerClock) {
        Core core = new Core(environment, engine, timerClock);
        this.dispatcher = new MessageDispatcher(
                new RetryDecisions(new InstanceMessages(core.processor, core.wakeUps)),
                core.queue,
                MessageDispatcher.retryDelayFrom(environment));
        this.snapStart = SnapStartHooks.register(core::prime, core::afterRestore);
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        String count =
                message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
        return count == null ? 1 : Integer.parseInt(count);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Set<String> failed = dispatcher.deliver(event.getRecords().stream()
                .map(m -> new MessageDispatcher.Received(
                        m.getMessageId(), m.getReceiptHandle(), m.getBody(), receiveCount(m)))
                .toList());
        return new SQSBatchResponse(event.getRecords().stream()
                .map(SQSEvent.SQSMessage::getMessageId)
                .filter(failed::contains)
                .map(SQSBatchResponse.BatchItemFailure::new)
                .toList());
    }
}
