package dev.statebacked.versions;

import dev.statebacked.auth.HmacSigner;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Machine version ids: {@code mv_} + creation time + randomness, so ids sort by creation. The reserve step
 * hands out {@code id.signature}, bound to the org and machine, so nobody can finalize an id we did not issue.
 */
public final class VersionIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final HmacSigner signer;

    public VersionIds(HmacSigner signer) {
        this.signer = signer;
    }

    public static String newId(Instant now) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return "mv_" + String.format("%012x", now.toEpochMilli())
                + HexFormat.of().formatHex(random);
    }

    /** Migration ids sort by creation like version ids. */
    public static String newMigrationId(Instant now) {
        return "mvm_" + newId(now).substring("mv_".length());
    }

    public String sign(String orgId, String machineName, String versionId) {
        return versionId + "." + signer.signature(bound(orgId, machineName, versionId));
    }

    /** The version id inside a signed id, if we signed it for this org and machine. */
    public Optional<String> verify(String orgId, String machineName, String signedId) {
        int dot = signedId.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String versionId = signedId.substring(0, dot);
        String expected = signer.signature(bound(orgId, machineName, versionId));
        return java.security.MessageDigest.isEqual(
                        expected.getBytes(), signedId.substring(dot + 1).getBytes())
                ? Optional.of(versionId)
                : Optional.empty();
    }

    private static String bound(String orgId, String machineName, String versionId) {
        return orgId + "/" + machineName + "/" + versionId;
    }
}
