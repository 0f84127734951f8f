package dev.statebacked.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The deployment artifact unpacked as Lambda unpacks it into {@code /var/task}. */
public final class TaskRoot {
    private TaskRoot() {}

    /**
     * Unpacks {@code artifact} under {@code parent}, into a directory named after its size and modification
     * time, so a rebuilt artifact is unpacked again and an unchanged one is not.
     */
    public static Path unpack(Path artifact, Path parent) {
        if (!Files.isRegularFile(artifact)) {
            throw new IllegalStateException(
                    "no deployment artifact at " + artifact.toAbsolutePath() + "; ./statebacked build makes it");
        }
        try {
            Path root = parent.resolve("task-" + Files.size(artifact) + "-"
                    + Files.getLastModifiedTime(artifact).toMillis());
            Path complete = root.resolve(".unpacked");
            if (Files.exists(complete)) {
                return root;
            }
            Files.createDirectories(root);
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(artifact))) {
                ZipEntry entry;
                while ((entry = zip.getNextEntry()) != null) {
                    Path target = root.resolve(entry.getName()).normalize();
                    if (!target.startsWith(root)) {
                        throw new IllegalStateException("artifact entry outside the task root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        copy(zip, target);
                    }
                }
            }
            Files.writeString(complete, artifact.toString());
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + artifact, e);
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
