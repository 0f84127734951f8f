package dev.statebacked.local.dynamodb;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything CreateTable (and UpdateTimeToLive) said about a table; persisted as JSON in the store's table catalogue.
 * {@code id} is unique per creation, so a table deleted and re-created with the same name gets fresh maps.
 */
record TableDefinition(
        String name,
        String id,
        long createdMillis,
        KeySchema key,
        Map<String, String> attributeTypes,
        List<IndexDefinition> indexes,
        StreamSettings stream,
        TtlSettings ttl,
        String billingMode) {

    /** A key attribute and its scalar type (S, N or B). */
    record KeyAttribute(String name, String type) {}

    /** Partition key and optional sort key ({@code range} is null for hash-only tables and indexes). */
    record KeySchema(KeyAttribute hash, KeyAttribute range) {
        List<KeyAttribute> attributes() {
            return range == null ? List.of(hash) : List.of(hash, range);
        }
    }

    /** A GSI or LSI. {@code projectionType} is ALL, KEYS_ONLY or INCLUDE. */
    record IndexDefinition(
            String name, boolean global, KeySchema key, String projectionType, List<String> nonKeyAttributes) {}

    /** {@code arn} and {@code label} stay the same for the life of the table, also across restarts. */
    record StreamSettings(boolean enabled, String viewType, String arn, String label, long createdMillis) {}

    record TtlSettings(boolean enabled, String attributeName) {}

    Optional<IndexDefinition> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }

    String arn() {
        return "arn:aws:dynamodb:" + DynamoDbEmulator.REGION + ":" + DynamoDbEmulator.ACCOUNT + ":table/" + name;
    }

    boolean streamEnabled() {
        return stream != null && stream.enabled();
    }

    TableDefinition withTtl(TtlSettings newTtl) {
        return new TableDefinition(name, id, createdMillis, key, attributeTypes, indexes, stream, newTtl, billingMode);
    }
}
