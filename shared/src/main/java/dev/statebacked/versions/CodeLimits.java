package dev.statebacked.versions;

/** The contract's limits on uploaded code. */
public final class CodeLimits {
    public static final int MAX_GZIPPED_BYTES = 1_000_000;
    public static final int MAX_CODE_BYTES = 10_000_000;

    private CodeLimits() {}
}
