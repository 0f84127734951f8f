package dev.statebacked.instances;

import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.json.Json;
import dev.statebacked.store.InMemoryItemStore;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import dev.statebacked.testing.ShiftableClock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The lease between processes, on one store: two {@link ProcessingLease}s are two processes. Time past a lease's
 * expiry is made by moving the clock; renewals run on their real 1 s period, so each test takes a second or two.
 */
class ProcessingLeaseTest {
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration RENEWAL_PERIOD = LEASE.dividedBy(3);
    private final InMemoryItemStore store = new InMemoryItemStore();
    private final ShiftableClock clock = new ShiftableClock();
    private final ProcessingLease holderProcess = new ProcessingLease(store, clock, LEASE);
    private final ProcessingLease otherProcess = new ProcessingLease(store, clock, LEASE);

    @Test
    void aLeaseIsRenewedWhileHeldSoItOutlivesItsDuration() {
        try (ProcessingLease.Held held = take(holderProcess).orElseThrow()) {
            clock.advance(LEASE.minusSeconds(1));
            awaitRenewalAfter(leaseSequence());
            clock.advance(LEASE.minusSeconds(1)); // past the expiry it was taken with, before the renewed one

            assertThat(take(otherProcess)).as("still held").isEmpty();
        }
    }

    @Test
    void aReleaseAfterRenewalsFreesTheLeaseAtOnceAndReportsNoCrash() {
        ProcessingLease.Held held = take(holderProcess).orElseThrow();
        awaitRenewalAfter(awaitRenewalAfter(leaseSequence()));

        held.close();

        Optional<ProcessingLease.Held> next = take(otherProcess);
        assertThat(next).as("released with the renewed sequence").isPresent();
        assertThat(next.orElseThrow().previousHolderCrashed()).isFalse();
        next.orElseThrow().close();
    }

    @Test
    void anAbandonedLeaseIsNoLongerRenewedAndLapsesAsACrashedHoldersWould() {
        take(holderProcess).orElseThrow().abandon();
        long abandonedAt = leaseSequence();
        assertThat(sequenceTwoPeriodsLater()).as("not renewed after abandon").isEqualTo(abandonedAt);
        assertThat(take(otherProcess)).as("held until it lapses").isEmpty();

        clock.advance(LEASE);

        Optional<ProcessingLease.Held> next = take(otherProcess);
        assertThat(next).isPresent();
        assertThat(next.orElseThrow().previousHolderCrashed()).isTrue();
        next.orElseThrow().close();
    }

    @Test
    void aHolderWhoseLeaseWasTakenOverStopsRenewingAndReleasesNothing() {
        ProcessingLease.Held held = take(holderProcess).orElseThrow();
        long before = leaseSequence();
        // what a process that found the lease expired (its holder paused past it) writes
        store.write(new Write.PutIfSequence(StoredItem.of(InstanceKeys.lease("org", "m", "i"), before + 1,
                Json.write(Map.of("owner", "someone else", "expiresAt", clock.instant().plus(LEASE).toEpochMilli()))),
                before));
        long takenOver = leaseSequence();
        assertThat(sequenceTwoPeriodsLater()).as("no renewal over the new holder's lease").isEqualTo(takenOver);

        held.close();

        assertThat(leaseSequence()).as("the new holder's lease is untouched").isEqualTo(takenOver);
        clock.advance(LEASE);
        Optional<ProcessingLease.Held> next = take(holderProcess);
        assertThat(next).as("the in-process lock was let go").isPresent();
        next.orElseThrow().close();
    }

    private Optional<ProcessingLease.Held> take(ProcessingLease lease) {
        return lease.acquire("org", "m", "i", Duration.ZERO);
    }

    private long leaseSequence() {
        return store.get(InstanceKeys.lease("org", "m", "i")).orElseThrow().sequence();
    }

    /** Waits (at most a few renewal periods) until the lease item is written after {@code sequence}. */
    private long awaitRenewalAfter(long sequence) {
        long deadline = System.nanoTime() + RENEWAL_PERIOD.multipliedBy(5).toNanos();
        while (leaseSequence() == sequence) {
            assertThat(System.nanoTime() - deadline).as("renewed within 5 periods").isNegative();
            pause(Duration.ofMillis(10));
        }
        return leaseSequence();
    }

    private long sequenceTwoPeriodsLater() {
        pause(RENEWAL_PERIOD.multipliedBy(2));
        return leaseSequence();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
