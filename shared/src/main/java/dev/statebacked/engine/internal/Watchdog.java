package dev.statebacked.engine.internal;

import org.graalvm.polyglot.Context;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops a call into JavaScript that runs past its limit. GraalJS has no per-call CPU limit in the community
 * edition, so one daemon thread closes the context with cancel=true; the context is then discarded.
 */
public final class Watchdog implements AutoCloseable {
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "statebacked-js-watchdog");
        t.setDaemon(true);
        return t;
    });

    public Watchdog() {
        // Almost every armed limit is cancelled after a few microseconds: drop those at once instead of keeping
        // tens of thousands of dead tasks queued until their 5 s delay elapses.
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Arms a limit for one call; close the returned handle when the call returns. */
    public Armed arm(Context context, Duration limit) {
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> f = timer.schedule(() -> {
            fired.set(true);
            try {
                context.close(true);
            } catch (RuntimeException ignored) {
                // already closed or closing: nothing more to stop
            }
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
        return new Armed(f, fired);
    }

    public record Armed(ScheduledFuture<?> future, AtomicBoolean fired) implements AutoCloseable {
        public boolean hasFired() {
            return fired.get();
        }

        @Override
        public void close() {
            future.cancel(false);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
