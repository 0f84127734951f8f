package dev.statebacked.auth;

import java.time.Instant;

public record Org(String id, String name, boolean allowAnonymousAccess, Instant createdAt) {}
