package dev.statebacked.auth;

import java.security.SecureRandom;
import java.util.Base64;

/** Fresh identifiers in the contract's formats: {@code org_...}, {@code sbk_...}, {@code sbsec_...}. */
public final class Identifiers {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Identifiers() {}

    public static String newOrgId() {
        return "org_" + random(16);
    }

    public static String newKeyId() {
        return "sbk_" + random(16);
    }

    public static String newKeySecret() {
        return "sbsec_" + random(32);
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
