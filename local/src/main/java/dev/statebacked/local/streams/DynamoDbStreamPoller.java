package dev.statebacked.local.streams;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.statebacked.local.dynamodb.DynamoDbEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Plays Lambda's DynamoDB-stream event source mapping: reads every shard of a table's stream in order and
 * hands batches to the function. A failed batch (an exception, or item failures reported with
 * {@code ReportBatchItemFailures}) is retried from the first failed record, so records are delivered in
 * order and none is skipped.
 */
public final class DynamoDbStreamPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbStreamPoller.class);
    private static final int BATCH_SIZE = 100;
    /** No news from the stream's writer: every idle pause is waited out. */
    private static final DynamoDbEmulator.StreamActivity SLEEP = new DynamoDbEmulator.StreamActivity() {
        @Override
        public long marker() {
            return 0;
        }

        @Override
        public void awaitAfter(long marker, Duration max) throws InterruptedException {
            Thread.sleep(max);
        }
    };

    private static final long SHARDS_KEPT_NANOS = Duration.ofSeconds(5).toNanos();

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String region;
    private final Function<DynamodbEvent, StreamsEventResponse> function;
    private final Map<String, String> positions = new ConcurrentHashMap<>();
    private final Duration idlePause;
    private final DynamoDbEmulator.StreamActivity activity;
    private final Thread thread;
    private List<Shard> shards = List.of();
    private long shardsReadAt;
    private volatile boolean running = true;

    private DynamoDbStreamPoller(
            DynamoDbStreamsClient streams,
            String streamArn,
            String region,
            Function<DynamodbEvent, StreamsEventResponse> function,
            Duration idlePause,
            DynamoDbEmulator.StreamActivity activity) {
        this.idlePause = idlePause;
        this.activity = activity;
        this.streams = streams;
        this.streamArn = streamArn;
        this.region = region;
        this.function = function;
        this.thread = Thread.ofPlatform().daemon().name("stream-poller").unstarted(this::pollUntilClosed);
    }

    /** Starts delivering records written from now on ({@code LATEST}), looking again every 200 ms when idle. */
    public static DynamoDbStreamPoller start(
            DynamoDbStreamsClient streams,
            String streamArn,
            String region,
            Function<DynamodbEvent, StreamsEventResponse> function) {
        return start(streams, streamArn, region, function, Duration.ofMillis(200), SLEEP);
    }

    /**
     * Starts delivering records written from now on ({@code LATEST}); when a poll finds nothing, it waits for
     * {@code activity} to report a later append, at most {@code idlePause} (the emulator in the same process wakes
     * it at once, so records reach the function without a polling delay).
     */
    public static DynamoDbStreamPoller start(
            DynamoDbStreamsClient streams,
            String streamArn,
            String region,
            Function<DynamodbEvent, StreamsEventResponse> function,
            Duration idlePause,
            DynamoDbEmulator.StreamActivity activity) {
        DynamoDbStreamPoller poller =
                new DynamoDbStreamPoller(streams, streamArn, region, function, idlePause, activity);
        // pin the start position before returning, so writes made right after start are delivered
        for (Shard shard : poller.shards()) {
            poller.positions.put(shard.shardId(), poller.iterator(shard.shardId(), ShardIteratorType.LATEST, null));
        }
        poller.thread.start();
        return poller;
    }

    private void pollUntilClosed() {
        while (running) {
            long marker = activity.marker();
            boolean delivered = false;
            try {
                for (Shard shard : shards()) {
                    delivered |= pollShard(shard.shardId());
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("stream poll failed: {}", e.toString());
                }
            }
            if (!delivered) {
                try {
                    activity.awaitAfter(marker, idlePause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private boolean pollShard(String shardId) {
        String iterator = positions.computeIfAbsent(shardId, id -> iterator(id, ShardIteratorType.TRIM_HORIZON, null));
        GetRecordsResponse response =
                streams.getRecords(b -> b.shardIterator(iterator).limit(BATCH_SIZE));
        List<Record> records = response.records();
        if (records.isEmpty()) {
            Optional.ofNullable(response.nextShardIterator()).ifPresent(next -> positions.put(shardId, next));
            return false;
        }
        Optional<String> firstFailure = deliver(records);
        if (firstFailure.isEmpty()) {
            positions.put(shardId, response.nextShardIterator());
        } else {
            // resume at the failed record, after a pause, as the mapping's retry does
            positions.put(shardId, iterator(shardId, ShardIteratorType.AT_SEQUENCE_NUMBER, firstFailure.get()));
            sleep(1000);
        }
        return true;
    }

    private Optional<String> deliver(List<Record> records) {
        try {
            StreamsEventResponse response = function.apply(StreamRecords.toEvent(records, streamArn, region));
            if (response == null
                    || response.getBatchItemFailures() == null
                    || response.getBatchItemFailures().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(response.getBatchItemFailures().get(0).getItemIdentifier());
        } catch (RuntimeException e) {
            LOG.warn("stream handler failed; retrying the batch: {}", e.toString());
            return Optional.of(records.get(0).dynamodb().sequenceNumber());
        }
    }

    /** The stream's shards, described again every few seconds rather than on every poll. */
    private List<Shard> shards() {
        long now = System.nanoTime();
        if (shards.isEmpty() || now - shardsReadAt > SHARDS_KEPT_NANOS) {
            shards = streams.describeStream(b -> b.streamArn(streamArn))
                    .streamDescription()
                    .shards();
            shardsReadAt = now;
        }
        return shards;
    }

    private String iterator(String shardId, ShardIteratorType type, String sequenceNumber) {
        return streams.getShardIterator(b -> b.streamArn(streamArn)
                        .shardId(shardId)
                        .shardIteratorType(type)
                        .sequenceNumber(sequenceNumber))
                .shardIterator();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
