package dev.statebacked.local;

import dev.statebacked.config.AwsClients;
import dev.statebacked.config.Settings;
import dev.statebacked.instances.Instance;
import dev.statebacked.instances.InstanceKeys;
import dev.statebacked.instances.InstanceRepository;
import dev.statebacked.messaging.SqsMessageQueue;
import dev.statebacked.store.DynamoItemStore;
import dev.statebacked.timers.EventBridgeWakeUpScheduler;
import dev.statebacked.timers.TimerWakeUps;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, the pending timers of every stored instance get their wake-ups again. A stack stopped or killed while
 * its worker held wake-ups (received, waiting out a timer's last second, or firing it) leaves them hidden in the
 * queue for its visibility timeout, ten minutes; the instances themselves say which timers are still pending.
 * Overdue ones are woken at once; a duplicate wake-up is dropped, since only a pending timer fires.
 */
final class StoredTimers {
    private static final Logger log = LoggerFactory.getLogger(StoredTimers.class);

    private StoredTimers() {}

    /** {@code environment}: the queue worker's; {@code clock}: the time timers are due by. */
    static void rearm(Map<String, String> environment, Clock clock) {
        Settings settings = Settings.fromEnvironment(environment);
        try (AwsClients aws = new AwsClients(environment)) {
            DynamoItemStore store = new DynamoItemStore(aws.dynamoDb(), settings.tableName());
            InstanceRepository instances = new InstanceRepository(store, settings.historyRetention());
            TimerWakeUps wakeUps = new TimerWakeUps(
                    new SqsMessageQueue(aws.sqs(), settings.queueUrl()),
                    EventBridgeWakeUpScheduler.of(aws, settings),
                    clock);
            int timers = 0;
            for (var key : store.keysWithSort(InstanceKeys.STATE)) {
                Optional<Instance> instance = InstanceKeys.instanceOf(key)
                        .flatMap(stored -> instances.find(
                                stored.orgId(),
                                stored.address().machineName(),
                                stored.address().instanceName()));
                if (instance.isPresent() && !instance.get().timers().isEmpty()) {
                    Instance pending = instance.get();
                    wakeUps.rearm(pending.orgId(), pending.address(), pending.sequence(), pending.timers());
                    timers += pending.timers().size();
                }
            }
            if (timers > 0) {
                log.info("woke {} pending timers of stored instances again", timers);
            }
        }
    }
}
