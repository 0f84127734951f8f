package dev.statebacked.failures;

/** What was given, in {@code parameter}, is not acceptable: a field, the uploaded file, the code of a version. */
public final class InvalidInput extends DomainException {
    private final String parameter;

    public InvalidInput(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
