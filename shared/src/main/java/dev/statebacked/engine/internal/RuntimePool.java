package dev.statebacked.engine.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Source;

/**
 * Warm contexts of one version. Taking one that is idle costs nothing; creating one costs evaluating the
 * (already parsed) modules. At most {@code maxIdle} are kept; broken ones are closed, never returned.
 */
public final class RuntimePool implements AutoCloseable {
    /** Resets returned runtimes in the background, one thread per core. */
    private static final ExecutorService RESETS = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(),
            Thread.ofPlatform().daemon().name("js-context-reset").factory());
    /** How long a taker waits for a context being reset before it creates one (which costs several resets). */
    private static final long AWAIT_RESET_MILLIS = 200;

    private final JsPlatform platform;
    private final Source module;
    private final String kind;
    private final int maxIdle;
    private final LinkedBlockingDeque<JsRuntime> idle = new LinkedBlockingDeque<>();
    private final AtomicInteger resetting = new AtomicInteger();
    private final AtomicInteger idleCount = new AtomicInteger();
    /** Bounds the contexts of this version that exist at once (in use or idle are both covered by taking a permit while in use). */
    private final Semaphore inUse;

    private volatile boolean closed;

    public RuntimePool(JsPlatform platform, Source module, String kind) {
        this.platform = platform;
        this.module = module;
        this.kind = kind;
        this.maxIdle = platform.settings.idleContextsPerVersion();
        this.inUse = new Semaphore(platform.settings.maxContextsPerVersion());
    }

    public JsRuntime take() {
        try {
            if (!inUse.tryAcquire(platform.settings.loadTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(
                        "all " + platform.settings.maxContextsPerVersion() + " contexts of this version are busy");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a context", e);
        }
        try {
            JsRuntime r = idle.pollFirst();
            if (r == null && resetting.get() > 0) {
                r = idle.pollFirst(AWAIT_RESET_MILLIS, TimeUnit.MILLISECONDS);
            }
            if (r != null) {
                idleCount.decrementAndGet();
                return r;
            }
            return JsRuntime.create(platform, module, kind);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inUse.release();
            throw new IllegalStateException("interrupted while waiting for a context", e);
        } catch (RuntimeException e) {
            inUse.release();
            throw e;
        }
    }

    /**
     * Returns a runtime after a session: reset and kept if healthy and there is room, else closed. The reset (tens
     * of thousands of JS statements) runs on the reset threads, after the session's caller has its answer; the
     * runtime counts as in use until it is done.
     */
    public void give(JsRuntime r) {
        resetting.incrementAndGet();
        try {
            RESETS.execute(() -> resetAndKeep(r));
        } catch (RejectedExecutionException e) {
            resetAndKeep(r);
        }
    }

    private void resetAndKeep(JsRuntime r) {
        try {
            keep(r);
        } finally {
            resetting.decrementAndGet();
            inUse.release();
        }
    }

    private void keep(JsRuntime r) {
        if (!r.isBroken()) {
            try {
                r.reset();
            } catch (RuntimeException e) {
                // reset failed: the runtime marked itself broken and is closed below
            }
        }
        if (r.isBroken() || closed) {
            r.close();
            return;
        }
        if (idleCount.incrementAndGet() > maxIdle) {
            idleCount.decrementAndGet();
            r.close();
            return;
        }
        idle.addFirst(r);
        if (closed) drain();
    }

    /** Keeps one warm context ready (used by load, so the first event of a version is not the one paying). */
    public void prime(JsRuntime first) {
        resetting.incrementAndGet();
        resetAndKeep(first);
    }

    private void drain() {
        JsRuntime r;
        while ((r = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            r.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        drain();
    }
}
