package dev.statebacked.auth;

/**
 * Makes State Backed tokens for one {@code service} of an org: the claims its mapping builds from what the
 * identity provider's mapping extracted, signed with one of the org's keys.
 */
public record TokenProvider(String orgId, String service, String keyId, ClaimMapping mapping) {}
