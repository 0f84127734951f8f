package dev.statebacked.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The 32 bytes that seal API key secrets ({@link AesGcmSecretSealer}) and key every {@link HmacSigner}, derived
 * here and nowhere else from the stack's master key secret: SHA-256 of the secret string's UTF-8 bytes, since
 * Secrets Manager generates a printable string, not 32 random bytes.
 */
public final class MasterKey {
    private final byte[] bytes;

    private MasterKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static MasterKey fromSecretString(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the master key secret is empty");
        }
        try {
            return new MasterKey(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Reads the secret once; callers keep the key for the life of the process (a Lambda container's init). */
    public static MasterKey read(SecretsManagerClient secretsManager, String secretId) {
        return fromSecretString(
                secretsManager.getSecretValue(b -> b.secretId(secretId)).secretString());
    }

    public byte[] bytes() {
        return bytes.clone();
    }
}
