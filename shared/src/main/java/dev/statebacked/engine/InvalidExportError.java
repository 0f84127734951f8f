package dev.statebacked.engine;

/** A required export is missing or has the wrong type; {@link #exportName()} names it (e.g. "allowRead"). */
public final class InvalidExportError extends EngineException {
    private final String exportName;

    public InvalidExportError(String exportName, String message) {
        super(message);
        this.exportName = exportName;
    }

    public String exportName() {
        return exportName;
    }
}
