package dev.statebacked.failures;

/** The machine's own authorizer ({@code allowRead}/{@code allowWrite}) said no. */
public final class RejectedByAuthorizer extends DomainException {
    public RejectedByAuthorizer(String message) {
        super(message);
    }
}
