package dev.statebacked.instances;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which instances' latest outboxes this process has sent, by write number, so that the next write need not carry
 * them on. Bounded: forgetting one only means its messages are sent once more (receivers apply each id once).
 */
final class SentOutboxes {
    private static final int REMEMBERED = 10_000;
    private final Map<String, Long> sentAt = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    synchronized void record(Instance instance) {
        sentAt.put(key(instance), instance.sequence());
    }

    synchronized boolean covers(Instance instance) {
        Long sequence = sentAt.get(key(instance));
        return sequence != null && sequence == instance.sequence();
    }

    synchronized void forget(Instance instance) {
        sentAt.remove(key(instance));
    }

    private static String key(Instance instance) {
        return instance.orgId() + '\n' + instance.machineName() + '\n' + instance.name();
    }
}
