package dev.statebacked.store;

import java.util.Set;

/** Attribute names of the table layout (documented in architecture.md). */
final class ItemAttributes {
    static final String PARTITION = "pk";
    static final String SORT = "sk";
    static final String SEQUENCE = "seq";
    static final String BODY = "body";
    /**
     * When DynamoDB may delete the item (the table's TimeToLiveSpecification): epoch seconds, stored as a Number,
     * the only type TTL reads. Carried in {@link StoredItem#attributes()} like the other extra attributes.
     */
    static final String EXPIRES_AT = "ttl";

    private static final Set<String> RESERVED = Set.of(PARTITION, SORT, SEQUENCE, BODY);

    private ItemAttributes() {}

    static boolean isReserved(String name) {
        return RESERVED.contains(name);
    }

    static void requireNotReserved(String name) {
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("attribute name is reserved by the store: " + name);
        }
    }
}
