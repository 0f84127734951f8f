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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One processor per instance at a time, across processes. Inside a process, callers queue on a fair lock, so
 * they are served in arrival order and only the head of the queue talks to the table; between processes, the
 * holder owns a lease item that expires, so a crashed holder's instance is taken over once its lease lapses.
 */
public final class ProcessingLease {
    private final ItemStore store;
    private final Clock clock;
    private final Duration leaseDuration;
    /** Who holds a lease: unique per process, so made anew when a SnapStart snapshot is restored (see renewOwner). */
    private volatile String owner = UUID.randomUUID().toString();
    private final Map<ItemKey, ReentrantLock> local = new ConcurrentHashMap<>();

    public ProcessingLease(ItemStore store, Clock clock, Duration leaseDuration) {
        this.store = store;
        this.clock = clock;
        this.leaseDuration = leaseDuration;
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
         * Lets the next in-process caller in but leaves the lease item unreleased, as a crash would: whoever takes
         * the lease once it expires learns {@link #previousHolderCrashed()} and finishes what this holder could not.
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
                    Taken held = taken.get();
                    return Optional.of(new Held() {
                        @Override
                        public boolean previousHolderCrashed() {
                            return held.previousHolderCrashed();
                        }

                        private boolean done;

                        @Override
                        public void abandon() {
                            if (!done) {
                                done = true;
                                lock.unlock();
                            }
                        }

                        @Override
                        public void close() {
                            if (done) {
                                return;
                            }
                            done = true;
                            release(key, held.sequence(), lock);
                        }
                    });
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

    /** Takes the lease when it is free or expired; the returned sequence identifies this holding. */
    private Optional<Taken> tryTake(ItemKey key) {
        Instant now = clock.instant();
        String body = Json.write(Map.of("owner", owner, "expiresAt", now.plus(leaseDuration).toEpochMilli()));
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

    private void release(ItemKey key, long sequence, ReentrantLock lock) {
        try {
            store.write(new Write.PutIfSequence(StoredItem.of(key, sequence + 1,
                    Json.write(Map.of("owner", owner, "released", true, "expiresAt", 0))), sequence));
        } catch (ConflictingWriteException expiredAndTaken) {
            // our lease lapsed and someone else holds it now: nothing of ours to release
        } finally {
            lock.unlock();
        }
    }
}
