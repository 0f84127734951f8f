package dev.statebacked.logs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Where log items live (docs/logs.md). Each line is stored once per way it is looked up, each copy in a partition of
 * one hour, sorted by time: the org's, its machine's, its instance's and its version's. Machine and instance names
 * and version ids hold no {@code #}, so no partition name can be read as another.
 */
public final class LogPartitions {
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);
    static final long HOUR_MILLIS = 3_600_000L;

    private LogPartitions() {}

    public static String org(String orgId, long millis) {
        return "logs#" + orgId + "#" + hour(millis);
    }

    public static String machine(String orgId, String machineName, long millis) {
        return "logs#" + orgId + "#m#" + machineName + "#" + hour(millis);
    }

    public static String instance(String orgId, String machineName, String instanceName, long millis) {
        return "logs#" + orgId + "#i#" + machineName + "#" + instanceName + "#" + hour(millis);
    }

    public static String version(String orgId, String versionId, long millis) {
        return "logs#" + orgId + "#v#" + versionId + "#" + hour(millis);
    }

    /**
     * {@code <13-digit epoch millis>#<uuid>}: sorted by time, and unique however many lines share a millisecond.
     * (Items written before this layout had the same key, unpadded: the same 13 digits until the year 2286.)
     */
    static String sortKey(long millis, UUID id) {
        return timePrefix(millis) + "#" + id;
    }

    /** The part of a sort key that orders it: every key of {@code millis} or later is at or above it. */
    static String timePrefix(long millis) {
        return String.format("%013d", millis);
    }

    /** The millisecond a sort key was written for. */
    static long millisOf(String sortKey) {
        int hash = sortKey.indexOf('#');
        return Long.parseLong(hash < 0 ? sortKey : sortKey.substring(0, hash));
    }

    static long hourStart(long millis) {
        return Math.floorDiv(millis, HOUR_MILLIS) * HOUR_MILLIS;
    }

    private static String hour(long millis) {
        return HOUR.format(Instant.ofEpochMilli(millis));
    }
}
