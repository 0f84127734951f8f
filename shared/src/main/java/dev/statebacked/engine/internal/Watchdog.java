package dev.statebacked.engine.internal;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.Context;

/**
 * Stops a call into JavaScript that runs past its time limit or allocates past its memory allowance. GraalJS has
 * neither limit in the community edition, so one daemon thread closes the context with cancel=true; the context
 * is then discarded. Memory is what the calling thread allocated since the call began (the JVM counts it per
 * thread), checked every {@value #MEMORY_CHECK_MILLIS} ms: a call cannot hoard more than its allowance and a
 * little, whatever it keeps alive.
 */
public final class Watchdog implements AutoCloseable {
    static final long MEMORY_CHECK_MILLIS = 5;

    /** Why a call was stopped. */
    public enum Limit {
        TIME,
        MEMORY
    }

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "statebacked-js-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Set<Armed> running = ConcurrentHashMap.newKeySet();

    public Watchdog() {
        // Almost every armed limit is cancelled after a few microseconds: drop those at once instead of keeping
        // tens of thousands of dead tasks queued until their 5 s delay elapses.
        timer.setRemoveOnCancelPolicy(true);
        timer.scheduleWithFixedDelay(
                this::checkMemory, MEMORY_CHECK_MILLIS, MEMORY_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Arms the limits of one call made on this thread: {@code limit} of time and {@code allowanceBytes} of
     * allocation. Close the returned handle when the call returns.
     */
    public Armed arm(Context context, Duration limit, long allowanceBytes) {
        long threadId = Thread.currentThread().threadId();
        Armed armed = new Armed(context, threadId, threads.getThreadAllocatedBytes(threadId), allowanceBytes);
        armed.future = timer.schedule(() -> armed.stop(Limit.TIME), limit.toNanos(), TimeUnit.NANOSECONDS);
        running.add(armed);
        return armed;
    }

    private void checkMemory() {
        for (Armed armed : running) {
            if (armed.allocated() > armed.allowanceBytes) {
                armed.stop(Limit.MEMORY);
            }
        }
    }

    /** The limits of one running call. */
    public final class Armed implements AutoCloseable {
        private final Context context;
        private final long threadId;
        private final long allocatedAtStart;
        private final long allowanceBytes;
        private final AtomicReference<Limit> stoppedFor = new AtomicReference<>();
        private volatile ScheduledFuture<?> future;

        private Armed(Context context, long threadId, long allocatedAtStart, long allowanceBytes) {
            this.context = context;
            this.threadId = threadId;
            this.allocatedAtStart = allocatedAtStart;
            this.allowanceBytes = allowanceBytes;
        }

        /** Bytes the call's thread allocated since the call began. */
        public long allocated() {
            return threads.getThreadAllocatedBytes(threadId) - allocatedAtStart;
        }

        public boolean hasFired() {
            return stoppedFor.get() != null;
        }

        /** The limit the call was stopped for; null while it was not. */
        public Limit stoppedFor() {
            return stoppedFor.get();
        }

        private void stop(Limit limit) {
            if (!stoppedFor.compareAndSet(null, limit)) {
                return;
            }
            running.remove(this);
            try {
                context.close(true);
            } catch (RuntimeException ignored) {
                // already closed or closing: nothing more to stop
            }
        }

        @Override
        public void close() {
            running.remove(this);
            future.cancel(false);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
