package dev.statebacked.engine;

/** A transition produced a context larger than the limit (400 KB of UTF-8 JSON by default). */
public final class ContextTooLargeError extends EngineException {
    private final long sizeBytes;
    private final long limitBytes;

    public ContextTooLargeError(long sizeBytes, long limitBytes) {
        super("context is " + sizeBytes + " bytes of JSON, over the limit of " + limitBytes + " bytes");
        this.sizeBytes = sizeBytes;
        this.limitBytes = limitBytes;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
