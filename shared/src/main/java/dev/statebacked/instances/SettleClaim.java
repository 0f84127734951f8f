package dev.statebacked.instances;

import java.time.Instant;

/**
 * Written into the instance while a processor settles its ephemeral services, which report back only to that
 * processor: others leave the instance alone until the claim is cleared or lapses. The settling processor renews it
 * well before {@code expiresAt}; one that lapsed was left by a processor that died (or stalled), and whoever comes
 * next finishes what it left undone.
 */
public record SettleClaim(String owner, long expiresAtMillis) {
    public boolean lapsedAt(Instant now) {
        return expiresAtMillis < now.toEpochMilli();
    }
}
