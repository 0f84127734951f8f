package dev.statebacked.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The local value of the template's master key secret, which Secrets Manager generates on AWS: made once per
 * data directory, like GenerateSecretString's (64 letters and digits), and kept so that a restart opens the key
 * secrets sealed before it. The local Secrets Manager is given this value; the functions read it from there.
 */
final class MasterKeyFile {
    static final String FILE_NAME = "master.key";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 64;

    private MasterKeyFile() {}

    static String readOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            SecureRandom random = new SecureRandom();
            StringBuilder secret = new StringBuilder(LENGTH);
            for (int i = 0; i < LENGTH; i++) {
                secret.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            PrivateFiles.write(file, secret + "\n");
            return secret.toString();
        } catch (IOException e) {
            throw new LocalStackException("cannot read or create " + file + ": " + e.getMessage());
        }
    }
}
