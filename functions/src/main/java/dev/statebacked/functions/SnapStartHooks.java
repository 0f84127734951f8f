package dev.statebacked.functions;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda SnapStart's runtime hooks, through the CRaC API. Before the snapshot, a function primes what its first
 * request would otherwise pay for (the JS engine compiled, the SDK clients connected and their code loaded);
 * after each restore it renews what must differ between the environments made from one snapshot. Without
 * SnapStart (or outside Lambda) the hooks are registered and never called.
 */
final class SnapStartHooks implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(SnapStartHooks.class);
    private final Runnable prime;
    private final Runnable afterRestore;

    private SnapStartHooks(Runnable prime, Runnable afterRestore) {
        this.prime = prime;
        this.afterRestore = afterRestore;
    }

    /** The caller keeps the returned hooks: the CRaC context may hold resources only weakly. */
    static SnapStartHooks register(Runnable prime, Runnable afterRestore) {
        SnapStartHooks hooks = new SnapStartHooks(prime, afterRestore);
        Core.getGlobalContext().register(hooks);
        return hooks;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        try {
            prime.run();
        } catch (RuntimeException e) {
            // a snapshot that is less warm is still a good snapshot
            LOG.warn("priming before the snapshot failed: {}", e.toString());
        }
        LOG.info("primed before the snapshot in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        afterRestore.run();
    }
}
