package dev.statebacked.failures;

/** No chain of migrations leads from an instance's version to the one asked for. */
public final class NoMigrationPath extends DomainException {
    public NoMigrationPath(String message) {
        super(message);
    }
}
