package dev.statebacked.local.secrets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.statebacked.local.EmulatorFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets in memory, written through to one JSON file (owner-only, since it holds the values) that is replaced
 * atomically on every change, as the scheduler emulator keeps its schedules.
 */
final class SecretStore {
    private static final ObjectMapper JSON = EmulatorFiles.JSON;

    /** What the file holds. */
    record Contents(List<Secret> secrets) {}

    private final Path file;
    private final Map<String, Secret> byName = new LinkedHashMap<>();

    private SecretStore(Path file) {
        this.file = file;
    }

    /** Reads the file in {@code dataDir}, or starts empty. */
    static SecretStore open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            SecretStore store = new SecretStore(dataDir.resolve("secrets.json"));
            if (Files.exists(store.file)) {
                JSON.readValue(store.file.toFile(), Contents.class)
                        .secrets()
                        .forEach(s -> store.byName.put(s.name(), s));
            }
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the secrets in " + dataDir, e);
        }
    }

    /** The secret a {@code SecretId} names: its name or its full ARN, as AWS accepts both. */
    synchronized Optional<Secret> find(String secretId) {
        Secret byItsName = byName.get(secretId);
        if (byItsName != null) {
            return Optional.of(byItsName);
        }
        return byName.values().stream().filter(s -> s.arn().equals(secretId)).findFirst();
    }

    synchronized Optional<Secret> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    synchronized void add(Secret secret) {
        byName.put(secret.name(), secret);
        save();
    }

    private void save() {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new Contents(new ArrayList<>(byName.values())));
            Files.deleteIfExists(temporary);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (FileChannel channel = FileChannel.open(
                    temporary,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
