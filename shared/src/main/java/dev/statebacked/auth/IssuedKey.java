package dev.statebacked.auth;

/** A key just created, with its secret in the clear: shown once to whoever asked for it. */
public record IssuedKey(ApiKey key, String secret) {}
