package dev.statebacked.engine;

import java.time.Duration;

/**
 * Limits and pool sizes of a {@link MachineEngine}.
 *
 * @param callTimeout         wall-clock limit of one call into machine code (a transition, an action, a timer callback)
 * @param loadTimeout         wall-clock limit of loading a module into a new context (evaluating XState and the bundle;
 *                            slow on a cold engine, so separate from callTimeout)
 * @param statementLimit      JavaScript statements allowed per call (default 100 million); 0 disables the count (the timeout still applies)
 * @param idleContextsPerVersion how many warm contexts each version keeps for reuse
 * @param maxContextsPerVersion  how many contexts of one version may exist at once (sessions beyond wait for one)
 * @param maxContextBytes     largest context (UTF-8 JSON) a transition may produce
 * @param fetchTimeout        default per-request timeout of {@code fetch}
 * @param maxLogRecords       log records kept per session (older ones are dropped first)
 * @param egress              where {@code fetch} may connect
 */
public record EngineSettings(Duration callTimeout, Duration loadTimeout, long statementLimit, int idleContextsPerVersion, int maxContextsPerVersion, int maxContextBytes,
                             Duration fetchTimeout, int maxLogRecords, EgressPolicy egress) {
    public static final int DEFAULT_MAX_CONTEXT_BYTES = 400 * 1024;

    public EngineSettings {
        if (callTimeout.isNegative() || callTimeout.isZero()) throw new IllegalArgumentException("callTimeout must be positive");
        if (statementLimit < 0) throw new IllegalArgumentException("statementLimit must be >= 0");
        if (idleContextsPerVersion < 0) throw new IllegalArgumentException("idleContextsPerVersion must be >= 0");
        if (maxContextsPerVersion < 1) throw new IllegalArgumentException("maxContextsPerVersion must be >= 1");
    }

    public static EngineSettings defaults() {
        return new EngineSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 100_000_000L, 4, 32, DEFAULT_MAX_CONTEXT_BYTES, Duration.ofSeconds(30), 1000,
                EgressPolicy.publicInternetOnly());
    }

    /** The defaults, with the exceptions to the egress policy that {@code environment} lists. */
    public static EngineSettings fromEnvironment(java.util.Map<String, String> environment) {
        return defaults().withEgress(EgressPolicy.fromEnvironment(environment));
    }

    public EngineSettings withCallTimeout(Duration d) {
        return new EngineSettings(d, loadTimeout, statementLimit, idleContextsPerVersion, maxContextsPerVersion, maxContextBytes, fetchTimeout, maxLogRecords, egress);
    }

    public EngineSettings withLoadTimeout(Duration d) {
        return new EngineSettings(callTimeout, d, statementLimit, idleContextsPerVersion, maxContextsPerVersion, maxContextBytes, fetchTimeout, maxLogRecords, egress);
    }

    public EngineSettings withStatementLimit(long n) {
        return new EngineSettings(callTimeout, loadTimeout, n, idleContextsPerVersion, maxContextsPerVersion, maxContextBytes, fetchTimeout, maxLogRecords, egress);
    }

    public EngineSettings withIdleContextsPerVersion(int n) {
        return new EngineSettings(callTimeout, loadTimeout, statementLimit, n, maxContextsPerVersion, maxContextBytes, fetchTimeout, maxLogRecords, egress);
    }

    public EngineSettings withMaxContextsPerVersion(int n) {
        return new EngineSettings(callTimeout, loadTimeout, statementLimit, idleContextsPerVersion, n, maxContextBytes, fetchTimeout, maxLogRecords, egress);
    }

    public EngineSettings withMaxContextBytes(int n) {
        return new EngineSettings(callTimeout, loadTimeout, statementLimit, idleContextsPerVersion, maxContextsPerVersion, n, fetchTimeout, maxLogRecords, egress);
    }

    public EngineSettings withEgress(EgressPolicy policy) {
        return new EngineSettings(callTimeout, loadTimeout, statementLimit, idleContextsPerVersion, maxContextsPerVersion, maxContextBytes, fetchTimeout, maxLogRecords, policy);
    }
}
