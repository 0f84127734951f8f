package dev.statebacked.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** The local stand-in for the template's {@code MasterKey} parameter: 32 random bytes made once per data dir. */
final class MasterKeyFile {
    static final String FILE_NAME = "master.key";

    private MasterKeyFile() {
    }

    static String readOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            PrivateFiles.write(file, encoded + "\n");
            return encoded;
        } catch (IOException e) {
            throw new LocalStackException("cannot read or create " + file + ": " + e.getMessage());
        }
    }
}
