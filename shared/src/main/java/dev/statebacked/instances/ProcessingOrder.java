package dev.statebacked.instances;

import dev.statebacked.failures.Conflict;
import dev.statebacked.messaging.InstanceAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The order in which an instance's changes are made. Inside a process, callers queue on a fair lock per instance,
 * so they are served in arrival order and each reads the instance after its predecessor's write. Between processes
 * nothing is locked: every write is conditional on the sequence it read, and a processor whose write lost re-reads
 * and computes again (nothing ran yet). Only a processor that keeps the instance to settle its ephemeral services
 * writes a {@link SettleClaim} into it; others wait for that claim to be cleared, or take over once it lapses.
 */
public final class ProcessingOrder {
    /** How long a claim lasts after its last renewal: how long an instance whose settler died stays blocked. */
    public static final Duration CLAIM_DURATION = Duration.ofSeconds(10);
    /** Turns of one caller whose first write lost to another process before it gives up (409). */
    private static final int MAX_ATTEMPTS = 8;

    private final InstanceRepository instances;
    private final Clock clock;
    private final Duration claimDuration;
    private final Map<String, ReentrantLock> local = new ConcurrentHashMap<>();
    /** Who claims: unique per process, so made anew when a SnapStart snapshot is restored (see renewOwner). */
    private volatile String owner = UUID.randomUUID().toString();

    public ProcessingOrder(InstanceRepository instances, Clock clock, Duration claimDuration) {
        this.instances = instances;
        this.clock = clock;
        this.claimDuration = claimDuration;
    }

    /**
     * Takes a new owner id. Every environment restored from one SnapStart snapshot would otherwise share the
     * snapshot's id and each would take the others' claims for its own. Called after a restore, before any request.
     */
    public void renewOwner() {
        owner = UUID.randomUUID().toString();
    }

    /** How long after its last renewal a claim lapses. */
    public Duration claimDuration() {
        return claimDuration;
    }

    /** A claim for this process, valid for {@link #claimDuration()} from now. */
    SettleClaim claim() {
        return new SettleClaim(owner, clock.instant().plus(claimDuration).toEpochMilli());
    }

    /**
     * The instance as its turn finds it: {@code current} is empty when it does not exist; {@code abandoned} when a
     * settler left it claimed without finishing (it died, or failed mid-way in this process).
     */
    record Turn(Optional<Instance> current, boolean abandoned) {}

    /**
     * Runs {@code work} in the instance's turn: after every earlier caller of this process, and once no other
     * process settles it. Waits at most {@code maxWait}, then answers 409. When the turn's first write loses to
     * another process, {@code work} runs again on a fresh read.
     */
    <T> T inTurn(String orgId, InstanceAddress address, Duration maxWait, Function<Turn, T> work) {
        return inTurn(orgId, address, maxWait, false, work);
    }

    /**
     * {@link #inTurn(String, InstanceAddress, Duration, Function)}; with {@code handOffWhenSettling}, an instance that
     * another process settles is not waited for: {@link SettlesElsewhere} is thrown instead.
     */
    <T> T inTurn(
            String orgId,
            InstanceAddress address,
            Duration maxWait,
            boolean handOffWhenSettling,
            Function<Turn, T> work) {
        Instant deadline = clock.instant().plus(maxWait);
        ReentrantLock lock = local.computeIfAbsent(
                orgId + '\n' + address.machineName() + '\n' + address.instanceName(), k -> new ReentrantLock(true));
        try {
            if (!lock.tryLock(
                    Math.max(0, Duration.between(clock.instant(), deadline).toMillis()), TimeUnit.MILLISECONDS)) {
                throw busy(address);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy(address);
        }
        try {
            for (int attempt = 1; ; attempt++) {
                Turn turn = awaitUnclaimed(orgId, address, deadline, handOffWhenSettling);
                try {
                    return work.apply(turn);
                } catch (InstanceMovedOn lost) {
                    // another process wrote between this turn's read and its first write: nothing ran, compute again
                    boolean firstWrite = turn.current().map(Instance::sequence).orElse(-1L) == lost.readAt();
                    if (!firstWrite || attempt == MAX_ATTEMPTS) {
                        throw new Conflict(
                                "instance " + address.instanceName() + " was changed by another processor; retry");
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Reads the instance until no live claim of another process is on it. */
    private Turn awaitUnclaimed(String orgId, InstanceAddress address, Instant deadline, boolean handOffWhenSettling) {
        long backoff = 10;
        while (true) {
            Optional<Instance> current = instances.find(orgId, address.machineName(), address.instanceName());
            Optional<SettleClaim> claim = current.flatMap(Instance::claim);
            if (claim.isEmpty()) {
                return new Turn(current, false);
            }
            // this process's own claim while it holds the turn: its settler is no longer running
            if (claim.get().owner().equals(owner) || claim.get().lapsedAt(clock.instant())) {
                return new Turn(current, true);
            }
            if (handOffWhenSettling) {
                throw new SettlesElsewhere();
            }
            if (!clock.instant().isBefore(deadline)) {
                throw busy(address);
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw busy(address);
            }
            backoff = Math.min(backoff * 2, 250);
        }
    }

    private static Conflict busy(InstanceAddress address) {
        return new Conflict("instance " + address.instanceName() + " stayed busy; retry");
    }
}
