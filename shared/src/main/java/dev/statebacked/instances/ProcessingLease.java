package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.api.Json;
import dev.statebacked.store.ConflictingWriteException;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.ItemStore;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One processor per instance at a time, across processes. Inside a process, callers queue on a fair lock, so
 * they are served in arrival order and only the head of the queue talks to the table; between processes, the
 * holder owns a lease item that expires after {@link #DURATION} unless renewed. A heartbeat renews it while it is
 * held, however long the processing takes, so a crashed holder's instance is taken over seconds after the crash
 * rather than after the whole settle budget.
 */
public final class ProcessingLease {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessingLease.class);
    /**
     * How long a lease lasts after its last renewal: how long an instance whose holder crashed stays blocked.
     * Renewed every third of it, so two renewals in a row may fail (a slow write, a pause) before it lapses.
     */
    public static final Duration DURATION = Duration.ofSeconds(10);
    private final ItemStore store;
    private final Clock clock;
    private final Duration leaseDuration;
    /** Who holds a lease: unique per process, so made anew when a SnapStart snapshot is restored (see renewOwner). */
    private volatile String owner = UUID.randomUUID().toString();
    private final Map<ItemKey, ReentrantLock> local = new ConcurrentHashMap<>();
    /** One thread renews every lease of this process: a renewal is one conditional write. */
    private final ScheduledThreadPoolExecutor heartbeat;

    public ProcessingLease(ItemStore store, Clock clock, Duration leaseDuration) {
        this.store = store;
        this.clock = clock;
        this.leaseDuration = leaseDuration;
        this.heartbeat = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("processing-lease-heartbeat").factory());
        // every event schedules a renewal and cancels it: cancelled ones must not pile up in the queue
        heartbeat.setRemoveOnCancelPolicy(true);
    }

    /** How long after its holder's last renewal a lease lapses. */
    public Duration duration() {
        return leaseDuration;
    }
    /**
     * Takes a new owner id. Every environment restored from one SnapStart snapshot would otherwise share the
     * snapshot's id and take each other's leases for its own. Called after a restore, before any request.
     */
    public void renewOwner() {
        owner = UUID.randomUUID().toString();
    }

    /** A held lease; closing it lets the next caller in. */
    public interface Held extends AutoCloseable {
        /** The lease was taken over after it expired unreleased: its holder died mid-processing. */
        boolean previousHolderCrashed();

        /**
         * Lets the next in-process caller in and stops renewing, but leaves the lease item unreleased, as a crash
         * would: whoever takes the lease once it expires learns {@link #previousHolderCrashed()} and finishes what
         * this holder could not.
         */
        void abandon();

        @Override
        void close();
    }

    private record Taken(long sequence, boolean previousHolderCrashed) {
    }

    /** Waits until this caller holds the instance's lease, or {@code maxWait} passes (then empty). */
    public Optional<Held> acquire(String orgId, String machineName, String instanceName, Duration maxWait) {
        ItemKey key = InstanceKeys.lease(orgId, machineName, instanceName);
        Instant deadline = clock.instant().plus(maxWait);
        ReentrantLock lock = local.computeIfAbsent(key, k -> new ReentrantLock(true));
        try {
            if (!lock.tryLock(Math.max(0, Duration.between(clock.instant(), deadline).toMillis()), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        try {
            long backoff = 10;
            while (true) {
                Optional<Taken> taken = tryTake(key);
                if (taken.isPresent()) {
                    return Optional.of(new Holding(key, lock, taken.get()));
                }
                if (!clock.instant().isBefore(deadline)) {
                    lock.unlock();
                    return Optional.empty();
                }
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lock.unlock();
            return Optional.empty();
        } catch (RuntimeException e) {
            lock.unlock();
            throw e;
        }
    }

    /**
     * One holding of a lease, renewed by the heartbeat until it is let go (closed or abandoned) or lost. Every
     * renewal is a put conditional on the sequence of the previous one, so a renewal fails once another process
     * took the lease over; this holder then stops renewing, and its further writes of the instance fail on the
     * instance's own sequence as soon as the new holder writes.
     */
    private final class Holding implements Held {
        private final ItemKey key;
        private final ReentrantLock lock;
        private final boolean previousHolderCrashed;
        private final ScheduledFuture<?> renewals;
        // guarded by this: the heartbeat thread renews while the holder's thread may let go
        private long sequence;
        private boolean lost;
        private boolean letGo;

        Holding(ItemKey key, ReentrantLock lock, Taken taken) {
            this.key = key;
            this.lock = lock;
            this.previousHolderCrashed = taken.previousHolderCrashed();
            this.sequence = taken.sequence();
            long period = Math.max(1, leaseDuration.toMillis() / 3);
            this.renewals = heartbeat.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
        }

        @Override
        public boolean previousHolderCrashed() {
            return previousHolderCrashed;
        }

        private synchronized void renew() {
            if (letGo || lost) {
                return;
            }
            try {
                store.write(new Write.PutIfSequence(StoredItem.of(key, sequence + 1, leaseBody()), sequence));
                sequence++;
            } catch (ConflictingWriteException e) {
                if (isOwnRenewal(e.current())) {
                    sequence++; // a retry of a renewal that had landed
                    return;
                }
                lost = true;
                renewals.cancel(false);
                LOG.warn("lease {} was taken over while held (renewed too late); the holder's next write fails", key);
            } catch (RuntimeException e) {
                // the store failed this once: the next beat tries again, while the lease is still valid
                LOG.warn("could not renew lease {}", key, e);
            }
        }

        private boolean isOwnRenewal(Optional<StoredItem> current) {
            return current.filter(item -> item.sequence() == sequence + 1).map(item -> Json.readBody(item.body()))
                    .filter(body -> owner.equals(body.path("owner").asText()) && !body.path("released").asBoolean())
                    .isPresent();
        }

        /** Stops the heartbeat; false when this holding was let go before. */
        private synchronized boolean letGo() {
            renewals.cancel(false);
            if (letGo) {
                return false;
            }
            letGo = true;
            return true;
        }

        @Override
        public void abandon() {
            if (letGo()) {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            if (letGo()) {
                release();
            }
        }

        /** A put conditional on the last renewal's sequence, so a holder cannot release somebody else's lease. */
        private void release() {
            try {
                long last;
                synchronized (this) {
                    if (lost) {
                        return; // another process holds the lease item now: nothing of ours to release
                    }
                    last = sequence;
                }
                store.write(new Write.PutIfSequence(StoredItem.of(key, last + 1,
                        Json.write(Map.of("owner", owner, "released", true, "expiresAt", 0))), last));
            } catch (ConflictingWriteException expiredAndTaken) {
                // the lease lapsed (renewals failed) and someone else holds it now
            } finally {
                lock.unlock();
            }
        }
    }

    /** Takes the lease when it is free or expired; the returned sequence identifies this holding. */
    private Optional<Taken> tryTake(ItemKey key) {
        Instant now = clock.instant();
        String body = leaseBody();
        Optional<StoredItem> current = store.get(key);
        try {
            if (current.isEmpty()) {
                store.write(new Write.PutIfAbsent(StoredItem.of(key, 1, body)));
                return Optional.of(new Taken(1, false));
            }
            JsonNode lease = Json.readBody(current.get().body());
            boolean released = lease.path("released").asBoolean(false);
            if (!released && !Instant.ofEpochMilli(lease.path("expiresAt").asLong()).isBefore(now)) {
                return Optional.empty();
            }
            long next = current.get().sequence() + 1;
            store.write(new Write.PutIfSequence(StoredItem.of(key, next, body), current.get().sequence()));
            return Optional.of(new Taken(next, !released));
        } catch (ConflictingWriteException taken) {
            return Optional.empty();
        }
    }

    private String leaseBody() {
        return Json.write(Map.of("owner", owner, "expiresAt", clock.instant().plus(leaseDuration).toEpochMilli()));
    }
}
