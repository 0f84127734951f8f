package dev.statebacked.versions;

import dev.statebacked.failures.InvalidInput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** Code as uploaded (plain or gzipped) for a version or a migration, as text, within the size limits. */
final class UploadedCode {
    private UploadedCode() {}

    /**
     * Seals the upload at {@code key} and returns its code. Sealed first: the code the caller validates is then the
     * code that runs, forever; no later upload can replace it. {@code of} names what it is the code of.
     */
    static String seal(BlobStore blobs, String key, String of) {
        if (!blobs.seal(key)) {
            throw new InvalidInput("code", "no code was uploaded for this " + of);
        }
        return load(blobs, key).orElseThrow(() -> new InvalidInput("code", "no code was uploaded for this " + of));
    }

    static Optional<String> load(BlobStore blobs, String key) {
        return blobs.get(key).map(UploadedCode::decode);
    }

    private static String decode(byte[] uploaded) {
        boolean gzipped = uploaded.length >= 2 && (uploaded[0] & 0xff) == 0x1f && (uploaded[1] & 0xff) == 0x8b;
        if (!gzipped) {
            if (uploaded.length > CodeLimits.MAX_CODE_BYTES) {
                throw new InvalidInput("code", "code exceeds " + CodeLimits.MAX_CODE_BYTES + " bytes");
            }
            return new String(uploaded, StandardCharsets.UTF_8);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(uploaded))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16384];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > CodeLimits.MAX_CODE_BYTES) {
                    throw new InvalidInput(
                            "code", "code exceeds " + CodeLimits.MAX_CODE_BYTES + " bytes once unzipped");
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInput("code", "gzipped code is corrupt: " + e.getMessage());
        }
    }
}
