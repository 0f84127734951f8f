package dev.statebacked.engine;

import java.time.Duration;

/** A call into machine code ran longer than the per-call limit (an infinite loop, a busy wait...) and was stopped. */
public final class UserCodeTimeout extends EngineException {
    private final Duration limit;

    public UserCodeTimeout(Duration limit) {
        super("machine code ran longer than the limit of " + limit.toMillis() + " ms and was stopped");
        this.limit = limit;
    }

    public Duration limit() {
        return limit;
    }
}
