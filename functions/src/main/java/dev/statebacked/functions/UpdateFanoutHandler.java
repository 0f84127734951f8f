package dev.statebacked.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.statebacked.engine.MachineEngine;
import dev.statebacked.realtime.Subscriptions;
import dev.statebacked.realtime.UpdateFanout;
import dev.statebacked.store.DynamoItemStore;
import dev.statebacked.store.StoredItem;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table stream's consumer: every written transition of an instance goes to its real-time subscribers. A
 * record that fails is reported with the ones after it, so the stream retries from there and keeps the order.
 */
public final class UpdateFanoutHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final UpdateFanout fanout;

    /** Lambda's entry: configuration from the environment template.yaml sets. */
    public UpdateFanoutHandler() {
        this(System.getenv(), ProcessEngine.get());
    }

    /** With an engine the caller shares (the local stack runs several functions in one process). */
    public UpdateFanoutHandler(Map<String, String> environment, MachineEngine engine) {
        Core core = new Core(environment, engine, Clock.systemUTC());
        this.fanout = new UpdateFanout(
                new Subscriptions(core.store),
                core.webSocketConnections(),
                core.instances,
                core.processor::readableBy,
                core.clock);
        SnapStartHooks.register(core::prime, core::afterRestore);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            try {
                var change = record.getDynamodb();
                Optional<StoredItem> after = item(change.getNewImage());
                // a REMOVE (a deleted instance, or history and logs that time to live deleted) publishes nothing
                if (after.isPresent() && !"REMOVE".equals(record.getEventName())) {
                    fanout.written(item(change.getOldImage()), after.get());
                }
            } catch (RuntimeException e) {
                context.getLogger().log("fan-out of " + record.getEventID() + " failed, retried: " + e);
                return StreamsEventResponse.builder()
                        .withBatchItemFailures(List.of(new StreamsEventResponse.BatchItemFailure(
                                record.getDynamodb().getSequenceNumber())))
                        .build();
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }

    private static Optional<StoredItem> item(Map<String, AttributeValue> image) {
        if (image == null) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        image.forEach((name, value) -> {
            String text = value.getS() != null ? value.getS() : value.getN();
            if (text != null) values.put(name, text);
        });
        return DynamoItemStore.fromStreamImage(values);
    }
}
