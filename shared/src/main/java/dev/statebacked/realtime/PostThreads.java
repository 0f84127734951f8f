package dev.statebacked.realtime;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that post updates, shared by the fan-outs of a process. A post never waits for a thread: an idle one
 * takes it, or a new one starts, so a slow or dead connection delays nobody else. Threads are kept between updates
 * because the SDK keeps per-thread state that a post needs (the signer's {@code Mac}, JSON buffers): a fresh
 * virtual thread per post built it again for every post, and left it all to the garbage collector. Past as many
 * threads as the HTTP client has connections, posts run on virtual threads (they would only wait for a connection).
 */
final class PostThreads {
    private static final int KEPT_THREADS = 128;
    private static final Executor SHARED = new ThreadPoolExecutor(
            0,
            KEPT_THREADS,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            Thread.ofPlatform().daemon().name("realtime-post-", 0).factory(),
            (post, pool) -> Thread.ofVirtual().name("realtime-post").start(post));

    private PostThreads() {}

    static Executor shared() {
        return SHARED;
    }
}
