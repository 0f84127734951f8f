package dev.statebacked.versions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.api.Json;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.ItemStore;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Blobs kept in the table itself, in chunks under one partition, so code bundles need no further service.
 * Chunks are written first and the manifest last: a reader that finds the manifest finds every chunk, and
 * the checksum in the manifest catches a chunk set from another attempt.
 */
public final class ItemBlobStore implements BlobStore {
    // base64 grows a chunk by a third; this keeps each item well under DynamoDB's 400 KB
    static final int CHUNK_BYTES = 256 * 1024;
    private final ItemStore store;

    public ItemBlobStore(ItemStore store) {
        this.store = store;
    }

    @Override
    public void put(String key, byte[] content) {
        int chunks = Math.max(1, (content.length + CHUNK_BYTES - 1) / CHUNK_BYTES);
        for (int i = 0; i < chunks; i++) {
            byte[] part = Arrays.copyOfRange(content, i * CHUNK_BYTES, Math.min(content.length, (i + 1) * CHUNK_BYTES));
            store.write(new Write.Put(StoredItem.of(chunkKey(key, i), 1, Base64.getEncoder().encodeToString(part))));
        }
        String manifest = Json.write(Map.of("chunks", chunks, "size", content.length, "sha256", sha256(content)));
        store.write(new Write.Put(StoredItem.of(new ItemKey(partition(key), "manifest"), 1, manifest)));
    }

    @Override
    public Optional<byte[]> get(String key) {
        Optional<StoredItem> manifestItem = store.get(new ItemKey(partition(key), "manifest"));
        if (manifestItem.isEmpty()) {
            return Optional.empty();
        }
        JsonNode manifest = Json.readBody(manifestItem.get().body());
        ByteArrayOutputStream content = new ByteArrayOutputStream(manifest.path("size").asInt());
        for (int i = 0; i < manifest.path("chunks").asInt(); i++) {
            StoredItem chunk = store.get(chunkKey(key, i))
                    .orElseThrow(() -> new IllegalStateException("blob " + key + " lost a chunk"));
            content.writeBytes(Base64.getDecoder().decode(chunk.body()));
        }
        byte[] bytes = content.toByteArray();
        if (!sha256(bytes).equals(manifest.path("sha256").asText())) {
            throw new IllegalStateException("blob " + key + " does not match its checksum");
        }
        return Optional.of(bytes);
    }

    private static String partition(String key) {
        return "blob#" + key;
    }

    private static ItemKey chunkKey(String key, int index) {
        return new ItemKey(partition(key), String.format("chunk#%05d", index));
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
