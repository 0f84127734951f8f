package dev.statebacked.versions;

/** Loads code the way instances will and refuses it when it cannot run (no machine, missing exports...). */
public interface CodeValidator {
    /** Throws {@link InvalidCodeException} saying what is wrong. */
    void validateMachineVersion(String machineName, String code);

    /** Throws {@link InvalidCodeException} naming what is missing ({@code upgradeState}, {@code upgradeContext}). */
    void validateMigration(String machineName, String code);
}
