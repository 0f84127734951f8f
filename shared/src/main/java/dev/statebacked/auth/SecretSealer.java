package dev.statebacked.auth;

/** Encrypts key secrets at rest (a local master key here; KMS can implement the same two methods). */
public interface SecretSealer {
    String seal(String secret);

    String open(String sealed);
}
