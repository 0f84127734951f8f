package dev.statebacked.local.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.statebacked.local.dynamodb.TableDefinition.IndexDefinition;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The emulator's data, in one MVStore file: a catalogue of table definitions, one sorted map of items per table,
 * one per secondary index (holding full item copies, projected when read) and one per stream.
 *
 * <p>Concurrency: every write runs inside {@link #write}, which holds one global lock, so conditional writes and
 * transactions spanning tables are linearizable. MVStore maps are safe for concurrent readers, so reads take no
 * lock; a reader may briefly see an item before its index entry, like DynamoDB's eventually consistent indexes.
 *
 * <p>Durability: auto-commit is off and {@link #write} commits once per request, so the file only ever holds
 * whole requests (a crash can't persist half a transaction) and a request's effects are in the file when it returns
 * (written to the OS, not fsync'ed: they survive the emulator process dying, not necessarily the machine).
 */
final class Storage implements AutoCloseable {
    static final String FILE_NAME = "dynamodb.mv.db";
    /** Stream records kept per table; older ones are trimmed (DynamoDB keeps 24 hours, which we also apply). */
    static final int MAX_STREAM_RECORDS = 100_000;

    private final MVStore store;
    private final MVMap<String, String> catalogue;
    private final MVMap<String, String> counters;
    private final Map<String, TableDefinition> tables = new ConcurrentHashMap<>();
    /** Open maps by name; MVStore's openMap looks names up in its metadata, which is slower than a hash lookup. */
    private final Map<String, MVMap<?, ?>> openMaps = new ConcurrentHashMap<>();

    private final ReentrantLock writeLock = new ReentrantLock();
    private final StreamRecords streamRecords = new StreamRecords();
    /** Guarded by the write lock; tells {@link #write} to wake stream readers once the write is committed. */
    private boolean streamAppendedInThisWrite;

    private final Object streamActivity = new Object();
    private long streamAppends;

    private Storage(MVStore store) {
        this.store = store;
        this.catalogue = store.openMap("catalogue");
        this.counters = store.openMap("counters");
        catalogue.forEach((name, json) -> tables.put(name, fromJson(json)));
    }

    private static final int SUPERSEDED_CHUNKS_KEPT_MILLIS = 5_000;

    static Storage open(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the DynamoDB emulator data directory " + dataDir, e);
        }
        try {
            MVStore store = new MVStore.Builder()
                    .fileName(file.toString())
                    .autoCommitDisabled()
                    .open();
            // Committing per request writes a chunk per request; by default MVStore keeps superseded chunks for 45 s,
            // which grows the file by megabytes a second under load. Reads take no lock and walk the version that
            // was current when they began: its chunks must outlive the longest read, or a read fails with "chunk not
            // found" (a stream's GetRecords did, under the real-time fan-out's load, with chunks reused at once).
            // A few seconds is both; a machine crash may need the store to fall back to an older version, which is
            // acceptable for a local emulator.
            store.setRetentionTime(SUPERSEDED_CHUNKS_KEPT_MILLIS);
            Storage storage = new Storage(store);
            storage.indexExpiriesOfEarlierStores();
            return storage;
        } catch (MVStoreException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("locked") || e.getCause() instanceof java.nio.channels.OverlappingFileLockException) {
                throw new IllegalStateException(
                        "The DynamoDB emulator data directory " + dataDir + " is already in use by another emulator ("
                                + file + " is locked). Stop the other one or use another directory.",
                        e);
            }
            throw new IllegalStateException("Cannot open the DynamoDB emulator store " + file + ": " + message, e);
        }
    }

    /** Runs a write under the global lock and commits it; on any failure discards its uncommitted changes. */
    <T> T write(Supplier<T> action) {
        writeLock.lock();
        try {
            T result;
            try {
                result = action.get();
            } catch (RuntimeException | Error e) {
                if (store.hasUnsavedChanges()) {
                    store.rollback();
                    // Rollback closes maps opened since the last commit and may undo catalogue changes: resync caches.
                    openMaps.clear();
                    tables.clear();
                    catalogue.forEach((name, json) -> tables.put(name, fromJson(json)));
                }
                throw e;
            }
            store.commit();
            if (streamAppendedInThisWrite) {
                streamAppendedInThisWrite = false;
                synchronized (streamActivity) {
                    streamAppends++;
                    streamActivity.notifyAll();
                }
            }
            return result;
        } finally {
            streamAppendedInThisWrite = false;
            writeLock.unlock();
        }
    }

    /** How many committed writes have appended stream records so far: a marker for {@link #awaitStreamAppend}. */
    long streamAppends() {
        synchronized (streamActivity) {
            return streamAppends;
        }
    }

    /** Waits until a write after {@code marker} appended stream records, or {@code max} passed. */
    void awaitStreamAppend(long marker, java.time.Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (streamActivity) {
            while (streamAppends == marker) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return;
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(streamActivity, left);
            }
        }
    }

    /** Runs reads that must see one consistent state (TransactGetItems) by excluding writers meanwhile. */
    <T> T readConsistently(Supplier<T> action) {
        writeLock.lock();
        try {
            return action.get();
        } finally {
            writeLock.unlock();
        }
    }

    // ---- tables

    TableDefinition table(String name) {
        TableDefinition t = name == null ? null : tables.get(name);
        if (t == null) throw DynamoDbException.tableNotFound(name);
        return t;
    }

    boolean tableExists(String name) {
        return tables.containsKey(name);
    }

    List<String> tableNames() {
        return List.copyOf(new TreeMap<>(tables).keySet());
    }

    List<TableDefinition> allTables() {
        return List.copyOf(tables.values());
    }

    /** Must run inside {@link #write}. */
    void saveTable(TableDefinition table) {
        catalogue.put(table.name(), toJson(table));
        tables.put(table.name(), table);
        // Create the table's maps now, so that they exist once this write commits and no later read creates them.
        items(table);
        table.indexes().forEach(index -> index(table, index));
        if (table.streamEnabled()) stream(table);
    }

    /** Must run inside {@link #write}. */
    void dropTable(TableDefinition table) {
        catalogue.remove(table.name());
        tables.remove(table.name());
        for (String mapName : List.copyOf(store.getMapNames())) {
            if (mapName.equals("items/" + table.id())
                    || mapName.startsWith("index/" + table.id() + "/")
                    || mapName.equals("stream/" + table.id())
                    || mapName.equals("expiry/" + table.id())) {
                openMaps.remove(mapName);
                store.removeMap(mapName);
            }
        }
    }

    /** Must run inside {@link #write}. */
    void dropIndex(TableDefinition table, IndexDefinition index) {
        String name = "index/" + table.id() + "/" + index.name();
        openMaps.remove(name);
        if (store.hasMap(name)) store.removeMap(name);
    }

    /** Must run inside {@link #write}. */
    void dropStream(TableDefinition table) {
        String name = "stream/" + table.id();
        openMaps.remove(name);
        if (store.hasMap(name)) store.removeMap(name);
    }

    /** Fills a newly added index from the table's items. Must run inside {@link #write}, after {@link #saveTable}. */
    void backfillIndex(TableDefinition table, IndexDefinition index) {
        MVMap<String, String> map = index(table, index);
        for (String json : items(table).values()) {
            Map<String, DynamoValue> item = ValueJson.itemFromString(json);
            String key = Keys.indexStorageKey(table, index, item);
            if (key != null) map.put(key, json);
        }
    }

    // ---- items

    MVMap<String, String> items(TableDefinition table) {
        return map(table, "items/" + table.id());
    }

    MVMap<String, String> index(TableDefinition table, IndexDefinition index) {
        return map(table, "index/" + table.id() + "/" + index.name());
    }

    MVMap<Long, String> stream(TableDefinition table) {
        return map(table, "stream/" + table.id());
    }

    @SuppressWarnings("unchecked")
    private <K> MVMap<K, String> map(TableDefinition table, String name) {
        return (MVMap<K, String>) openMaps.computeIfAbsent(name, n -> {
            // Don't resurrect the maps of a table deleted while this request was running.
            TableDefinition current = tables.get(table.name());
            if (current == null || !current.id().equals(table.id()))
                throw DynamoDbException.tableNotFound(table.name());
            return store.openMap(n);
        });
    }

    /** The stored item with this (validated) key, or null. */
    Map<String, DynamoValue> getItem(TableDefinition table, Map<String, DynamoValue> key) {
        String json = items(table).get(Keys.tableStorageKey(table, key));
        return json == null ? null : ValueJson.itemFromString(json);
    }

    /**
     * Replaces {@code oldItem} (null if absent) by {@code newItem} (null to delete), maintaining indexes and the
     * stream. Must run inside {@link #write}.
     */
    void replaceItem(
            TableDefinition table, Map<String, DynamoValue> oldItem, Map<String, DynamoValue> newItem, boolean byTtl) {
        if (oldItem == null && newItem == null) return;
        String json = newItem == null ? null : ValueJson.itemToString(newItem);
        String key = Keys.tableStorageKey(table, newItem != null ? newItem : oldItem);
        if (json == null) items(table).remove(key);
        else items(table).put(key, json);
        for (IndexDefinition index : table.indexes()) {
            String oldKey = oldItem == null ? null : Keys.indexStorageKey(table, index, oldItem);
            String newKey = newItem == null ? null : Keys.indexStorageKey(table, index, newItem);
            MVMap<String, String> map = index(table, index);
            if (oldKey != null && !oldKey.equals(newKey)) map.remove(oldKey);
            if (newKey != null) map.put(newKey, json);
        }
        if (ttlEnabled(table)) {
            MVMap<String, String> expiries = expiries(table);
            String oldExpiry = expiryKey(table, oldItem, key);
            String newExpiry = expiryKey(table, newItem, key);
            if (oldExpiry != null && !oldExpiry.equals(newExpiry)) expiries.remove(oldExpiry);
            if (newExpiry != null) expiries.put(newExpiry, key);
        }
        // DynamoDB writes no stream record for a write that changes nothing.
        if (table.streamEnabled() && !Objects.equals(oldItem, newItem)) {
            long sequence = nextSequenceNumber();
            MVMap<Long, String> stream = stream(table);
            stream.put(
                    sequence,
                    streamRecords
                            .record(table, sequence, oldItem, newItem, byTtl)
                            .toString());
            while (stream.sizeAsLong() > MAX_STREAM_RECORDS) stream.remove(stream.firstKey());
            streamAppendedInThisWrite = true;
        }
    }

    // ---- time to live

    /**
     * The table's items that have a time to live, by when they expire ({@code <epoch seconds, 19 digits>/<item's
     * storage key>} to the item's storage key): a sweep reads the few that are due instead of every item. Kept only
     * while the table's TTL is enabled, in the same writes as the items.
     */
    private MVMap<String, String> expiries(TableDefinition table) {
        return map(table, "expiry/" + table.id());
    }

    private static boolean ttlEnabled(TableDefinition table) {
        return table.ttl() != null && table.ttl().enabled();
    }

    /**
     * The item's place in {@link #expiries}, or null when its TTL attribute is missing, not a Number (DynamoDB
     * ignores any other type) or can never be due. Whole seconds, rounded down: the sweep checks the exact value.
     */
    private static String expiryKey(TableDefinition table, Map<String, DynamoValue> item, String storageKey) {
        if (item == null || !(item.get(table.ttl().attributeName()) instanceof DynamoValue.Num number)) return null;
        BigDecimal seconds = number.value().setScale(0, RoundingMode.FLOOR);
        if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) return null;
        return expirySecond(seconds.longValue()) + "/" + storageKey;
    }

    private static String expirySecond(long epochSeconds) {
        return String.format("%019d", epochSeconds);
    }

    /** Indexes every item by its expiry, after TTL was enabled. Must run inside {@link #write}. */
    void indexExpiries(TableDefinition table) {
        MVMap<String, String> expiries = expiries(table);
        expiries.clear();
        items(table).forEach((key, json) -> {
            String expiry = expiryKey(table, ValueJson.itemFromString(json), key);
            if (expiry != null) expiries.put(expiry, key);
        });
    }

    /** Forgets the expiry index, after TTL was disabled. Must run inside {@link #write}. */
    void dropExpiries(TableDefinition table) {
        String name = "expiry/" + table.id();
        openMaps.remove(name);
        if (store.hasMap(name)) store.removeMap(name);
    }

    /** A store written before the expiry index existed gets one, once, when it is opened. */
    private void indexExpiriesOfEarlierStores() {
        for (TableDefinition table : allTables()) {
            if (ttlEnabled(table) && !store.hasMap("expiry/" + table.id())) {
                write(() -> {
                    indexExpiries(table);
                    return null;
                });
            }
        }
    }

    /**
     * The storage keys of up to {@code max} items whose TTL value, in whole seconds, is from {@code fromSeconds} to
     * {@code toSeconds}, soonest first; read without the lock, so callers check each item again under it.
     */
    List<String> expiringBetween(TableDefinition table, long fromSeconds, long toSeconds, int max) {
        if (!ttlEnabled(table)) return List.of();
        List<String> due = new java.util.ArrayList<>();
        // every key of second toSeconds sorts before the bare next second, which is no key
        var cursor = expiries(table).cursor(expirySecond(fromSeconds), expirySecond(toSeconds + 1), false);
        while (cursor.hasNext() && due.size() < max) {
            cursor.next();
            due.add(cursor.getValue());
        }
        return due;
    }

    /** The stored item under a storage key (as {@link #expiringBetween} gives them), or null. */
    Map<String, DynamoValue> itemAt(TableDefinition table, String storageKey) {
        String json = items(table).get(storageKey);
        return json == null ? null : ValueJson.itemFromString(json);
    }

    private long nextSequenceNumber() {
        long next = Long.parseLong(counters.getOrDefault("sequence", "0")) + 1;
        counters.put("sequence", Long.toString(next));
        return next;
    }

    long lastSequenceNumber() {
        return Long.parseLong(counters.getOrDefault("sequence", "0"));
    }

    /** Frees space from superseded versions; MVStore does this in a background thread only when auto-commit is on. */
    void compact() {
        write(() -> store.compact(50, 4 * 1024 * 1024));
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            // Without compacting on the way out: H2's compaction that moves chunks to shrink the file fails, with some
            // file layouts (TTL deletions emptying a table made one), its own check of where it moved a chunk (an
            // assertion in RandomAccessStore.moveChunkInside), and a store closed regardless after that failure
            // lost the writes of its next session. The periodic compact() rewrites sparse chunks instead.
            if (!store.isClosed()) store.close(0);
        } finally {
            writeLock.unlock();
        }
    }

    private static String toJson(TableDefinition table) {
        try {
            return ValueJson.MAPPER.writeValueAsString(table);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TableDefinition fromJson(String json) {
        try {
            return ValueJson.MAPPER.readValue(json, TableDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt table definition in the store: " + json, e);
        }
    }
}
