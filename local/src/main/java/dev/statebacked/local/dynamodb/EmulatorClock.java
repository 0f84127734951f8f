package dev.statebacked.local.dynamodb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The time the emulator's time to live goes by: the system's, plus an offset a test may move, so that items
 * written to expire in 30 days are deleted without waiting 30 days. Only TTL decisions read it; stream records are
 * stamped and trimmed by the system's time, so moving this clock ahead cannot trim records a reader has not read.
 */
public final class EmulatorClock extends Clock {
    private final Clock system;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public EmulatorClock() {
        this(Clock.systemUTC());
    }

    EmulatorClock(Clock system) {
        this.system = system;
    }

    /** Moves this clock {@code by} ahead of where it is (a negative duration moves it back). */
    public void advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
    }

    /** Back to the system's time, as if it had never been moved. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    /** How far ahead of the system's time this clock is. */
    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the emulator's clock is UTC only");
    }
}
