package dev.statebacked.realtime;

import dev.statebacked.auth.Caller;
import java.time.Instant;

/** An accepted WebSocket connection: who connected (from the token of the upgrade) and when that token expires. */
public record Connection(String connectionId, Caller caller, Instant tokenExpiresAt) {}
