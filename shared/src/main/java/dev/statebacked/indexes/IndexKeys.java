package dev.statebacked.indexes;

import dev.statebacked.store.ItemKey;

/**
 * Where index entries live: one partition per index of a machine, {@code idx#<org>#<machine>#<index>}, and one item
 * per (value, instance) with sort key {@code <value> U+0000 <instance>}. The separator sorts below every character
 * a value may hold (values holding U+0000 are not indexed), so entries order by value, then instance name, and
 * every comparison with a value is one range of sort keys.
 */
public final class IndexKeys {
    static final char SEPARATOR = '\u0000';
    /** The character after the separator: {@code value + AFTER_SEPARATOR} bounds every entry of {@code value}. */
    static final char AFTER_SEPARATOR = '\u0001';

    private IndexKeys() {}

    public static String partition(String orgId, String machineName, String index) {
        return "idx#" + orgId + "#" + machineName + "#" + index;
    }

    static ItemKey entry(String orgId, String machineName, String index, String value, String instanceName) {
        return new ItemKey(partition(orgId, machineName, index), value + SEPARATOR + instanceName);
    }

    /** The value of an entry's sort key. */
    static String value(String sort) {
        return sort.substring(0, sort.indexOf(SEPARATOR));
    }

    /** The instance name of an entry's sort key. */
    static String instanceName(String sort) {
        return sort.substring(sort.indexOf(SEPARATOR) + 1);
    }
}
