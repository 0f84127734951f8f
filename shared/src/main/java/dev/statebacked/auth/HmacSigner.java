package dev.statebacked.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes values unforgeable: {@code value.signature} with HMAC-SHA256 under a key derived from the master
 * key for one purpose, so a signature made for one purpose is worthless for another.
 */
public final class HmacSigner {
    private final byte[] key;

    public HmacSigner(byte[] masterKey, String purpose) {
        this.key = hmac(masterKey, purpose.getBytes(StandardCharsets.UTF_8));
    }

    public String sign(String value) {
        return value + "." + signature(value);
    }

    /** The value a {@link #sign}ed string carries, when its signature is ours. */
    public Optional<String> verify(String signed) {
        int dot = signed.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String value = signed.substring(0, dot);
        byte[] expected = signature(value).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = signed.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual) ? Optional.of(value) : Optional.empty();
    }

    public String signature(String value) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(hmac(key, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** base64url(HMAC-SHA256(key, data)) as the contract's delete confirmations spell it. */
    public static String base64UrlHmac(String key, String data) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(hmac(key.getBytes(StandardCharsets.UTF_8), data.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
