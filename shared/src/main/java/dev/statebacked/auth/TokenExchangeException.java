package dev.statebacked.auth;

/** Why a token exchange issued nothing; each kind is answered differently at the edge. */
public abstract sealed class TokenExchangeException extends RuntimeException {
    TokenExchangeException(String message) {
        super(message);
    }

    /** The subject token is malformed, expired, not yet valid, wrongly signed, or no provider of the org trusts it. */
    public static final class SubjectTokenRejected extends TokenExchangeException {
        public SubjectTokenRejected(String message) {
            super(message);
        }
    }

    /** The provider's JWKS could not be fetched or read, and no key fetched before verifies the token. */
    public static final class IdentityProviderUnavailable extends TokenExchangeException {
        public IdentityProviderUnavailable(String message) {
            super(message);
        }
    }

    /** The mappings produced claims that name no end user: neither {@code sub} nor {@code sid}. */
    public static final class NoUserInClaims extends TokenExchangeException {
        public NoUserInClaims(String message) {
            super(message);
        }
    }
}
