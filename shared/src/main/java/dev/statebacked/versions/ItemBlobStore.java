package dev.statebacked.versions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.json.Json;
import dev.statebacked.store.ConflictingWriteException;
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
import java.util.function.Function;

/**
 * Blobs kept in the table itself, in chunks under one partition, so code bundles need no further service.
 * Chunks are written first, under the content's checksum, and the manifest last: a reader that finds the
 * manifest finds every chunk of the content it names, and a later upload writes chunks of its own instead of
 * overwriting those. Sealing marks the manifest final; every manifest write is conditional on the one it
 * replaces, so no upload can replace a sealed manifest, however it races the seal.
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
        Optional<StoredItem> current = store.get(manifestKey(key));
        // refused before any chunk is written; checked again against whatever manifest the write replaces
        requireUnsealed(key, current.map(ItemBlobStore::body));
        String sha256 = sha256(content);
        int chunks = Math.max(1, (content.length + CHUNK_BYTES - 1) / CHUNK_BYTES);
        for (int i = 0; i < chunks; i++) {
            byte[] part = Arrays.copyOfRange(content, i * CHUNK_BYTES, Math.min(content.length, (i + 1) * CHUNK_BYTES));
            store.write(new Write.Put(StoredItem.of(
                    chunkKey(key, sha256, i), 1, Base64.getEncoder().encodeToString(part))));
        }
        String manifest =
                Json.write(Map.of("chunks", chunks, "size", content.length, "sha256", sha256, "sealed", false));
        replaceManifest(key, current, replaced -> {
            requireUnsealed(key, replaced);
            return manifest;
        });
    }

    @Override
    public boolean seal(String key) {
        Optional<StoredItem> current = store.get(manifestKey(key));
        if (current.isEmpty()) {
            return false;
        }
        if (!body(current.get()).path("sealed").asBoolean()) {
            replaceManifest(
                    key,
                    current,
                    replaced -> ((ObjectNode) replaced.orElseThrow())
                            .put("sealed", true)
                            .toString());
        }
        return true;
    }

    /**
     * Writes {@code next(manifest it replaces)} conditionally on the manifest {@code read}; when another write came
     * first, reads the manifest again and decides anew, so a seal never carries an older upload's content forward.
     */
    private void replaceManifest(String key, Optional<StoredItem> read, Function<Optional<JsonNode>, String> next) {
        Optional<StoredItem> current = read;
        while (true) {
            String manifest = next.apply(current.map(ItemBlobStore::body));
            try {
                store.write(current.<Write>map(c -> new Write.PutIfSequence(
                                StoredItem.of(manifestKey(key), c.sequence() + 1, manifest), c.sequence()))
                        .orElseGet(() -> new Write.PutIfAbsent(StoredItem.of(manifestKey(key), 1, manifest))));
                return;
            } catch (ConflictingWriteException changedMeanwhile) {
                current = store.get(manifestKey(key));
            }
        }
    }

    private static void requireUnsealed(String key, Optional<JsonNode> manifest) {
        if (manifest.isPresent() && manifest.get().path("sealed").asBoolean()) {
            throw new SealedBlobException(key);
        }
    }

    private static JsonNode body(StoredItem manifest) {
        return Json.readStored(manifest.body());
    }

    @Override
    public Optional<byte[]> get(String key) {
        Optional<StoredItem> manifestItem = store.get(manifestKey(key));
        if (manifestItem.isEmpty()) {
            return Optional.empty();
        }
        JsonNode manifest = body(manifestItem.get());
        ByteArrayOutputStream content =
                new ByteArrayOutputStream(manifest.path("size").asInt());
        for (int i = 0; i < manifest.path("chunks").asInt(); i++) {
            // a manifest without "sealed" was written before chunks were keyed by their content's checksum
            ItemKey chunkKey = manifest.has("sealed")
                    ? chunkKey(key, manifest.path("sha256").asText(), i)
                    : new ItemKey(partition(key), String.format("chunk#%05d", i));
            StoredItem chunk =
                    store.get(chunkKey).orElseThrow(() -> new IllegalStateException("blob " + key + " lost a chunk"));
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

    private static ItemKey manifestKey(String key) {
        return new ItemKey(partition(key), "manifest");
    }

    private static ItemKey chunkKey(String key, String sha256, int index) {
        return new ItemKey(partition(key), String.format("chunk#%s#%05d", sha256, index));
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
