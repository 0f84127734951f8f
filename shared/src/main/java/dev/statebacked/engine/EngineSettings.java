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
 * @param memoryPerSession    bytes machine code may allocate in one session (an event and the settling after it,
 *                            an authorizer check): past it, the call is stopped and the context discarded
 */
public record EngineSettings(
        Duration callTimeout,
        Duration loadTimeout,
        long statementLimit,
        int idleContextsPerVersion,
        int maxContextsPerVersion,
        int maxContextBytes,
        Duration fetchTimeout,
        int maxLogRecords,
        EgressPolicy egress,
        long memoryPerSession) {
    public static final String MEMORY_VARIABLE = "STATEBACKED_MEMORY_PER_SESSION_MB";
    public static final long DEFAULT_MEMORY_PER_SESSION = 1024L * 1024 * 1024;

    public static final int DEFAULT_MAX_CONTEXT_BYTES = 400 * 1024;

    public EngineSettings {
        if (callTimeout.isNegative() || callTimeout.isZero())
            throw new IllegalArgumentException("callTimeout must be positive");
        if (statementLimit < 0) throw new IllegalArgumentException("statementLimit must be >= 0");
        if (idleContextsPerVersion < 0) throw new IllegalArgumentException("idleContextsPerVersion must be >= 0");
        if (maxContextsPerVersion < 1) throw new IllegalArgumentException("maxContextsPerVersion must be >= 1");
        if (memoryPerSession < 1) throw new IllegalArgumentException("memoryPerSession must be positive");
    }

    public static EngineSettings defaults() {
        return new EngineSettings(
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                100_000_000L,
                4,
                32,
                DEFAULT_MAX_CONTEXT_BYTES,
                Duration.ofSeconds(30),
                1000,
                EgressPolicy.publicInternetOnly(),
                DEFAULT_MEMORY_PER_SESSION);
    }

    /** The defaults, with the egress policy's exceptions and the memory budget that {@code environment} sets. */
    public static EngineSettings fromEnvironment(java.util.Map<String, String> environment) {
        EngineSettings settings = defaults().withEgress(EgressPolicy.fromEnvironment(environment));
        String megabytes = environment.get(MEMORY_VARIABLE);
        return megabytes == null || megabytes.isBlank()
                ? settings
                : settings.withMemoryPerSession(Long.parseLong(megabytes.trim()) * 1024 * 1024);
    }

    public EngineSettings withCallTimeout(Duration d) {
        return new EngineSettings(
                d,
                loadTimeout,
                statementLimit,
                idleContextsPerVersion,
                maxContextsPerVersion,
                maxContextBytes,
                fetchTimeout,
                maxLogRecords,
                egress,
                memoryPerSession);
    }

    public EngineSettings withLoadTimeout(Duration d) {
        return new EngineSettings(
                callTimeout,
                d,
                statementLimit,
                idleContextsPerVersion,
                maxContextsPerVersion,
                maxContextBytes,
                fetchTimeout,
                maxLogRecords,
                egress,
                memoryPerSession);
    }

    public EngineSettings withStatementLimit(long n) {
        return new EngineSettings(
                callTimeout,
                loadTimeout,
                n,
                idleContextsPerVersion,
                maxContextsPerVersion,
                maxContextBytes,
                fetchTimeout,
                maxLogRecords,
                egress,
                memoryPerSession);
    }

    public EngineSettings withIdleContextsPerVersion(int n) {
        return new EngineSettings(
                callTimeout,
                loadTimeout,
                statementLimit,
                n,
                maxContextsPerVersion,
                maxContextBytes,
                fetchTimeout,
                maxLogRecords,
                egress,
                memoryPerSession);
    }

    public EngineSettings withMaxContextsPerVersion(int n) {
        return new EngineSettings(
                callTimeout,
                loadTimeout,
                statementLimit,
                idleContextsPerVersion,
                n,
                maxContextBytes,
                fetchTimeout,
                maxLogRecords,
                egress,
                memoryPerSession);
    }

    public EngineSettings withMaxContextBytes(int n) {
        return new EngineSettings(
                callTimeout,
                loadTimeout,
                statementLimit,
                idleContextsPerVersion,
                maxContextsPerVersion,
                n,
                fetchTimeout,
                maxLogRecords,
                egress,
                memoryPerSession);
    }

    public EngineSettings withEgress(EgressPolicy policy) {
        return new EngineSettings(
                callTimeout,
                loadTimeout,
                statementLimit,
                idleContextsPerVersion,
                maxContextsPerVersion,
                maxContextBytes,
                fetchTimeout,
                maxLogRecords,
                policy,
                memoryPerSession);
    }

    public EngineSettings withMemoryPerSession(long bytes) {
        return new EngineSettings(
                callTimeout,
                loadTimeout,
                statementLimit,
                idleContextsPerVersion,
                maxContextsPerVersion,
                maxContextBytes,
                fetchTimeout,
                maxLogRecords,
                egress,
                bytes);
    }
}
