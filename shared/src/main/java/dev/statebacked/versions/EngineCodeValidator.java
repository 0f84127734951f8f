package dev.statebacked.versions;

import dev.statebacked.engine.EngineException;
import dev.statebacked.engine.MachineEngine;

/** Validates uploaded machine code by loading it in the JS engine exactly as instances will. */
public final class EngineCodeValidator implements CodeValidator {
    private final MachineEngine engine;

    public EngineCodeValidator(MachineEngine engine) {
        this.engine = engine;
    }

    @Override
    public void validateMachineVersion(String machineName, String code) {
        try {
            engine.validateMachine(code);
        } catch (EngineException e) {
            throw new InvalidCodeException(
                    "machine version code for " + machineName + " does not load: " + e.getMessage());
        }
    }

    @Override
    public void validateMigration(String machineName, String code) {
        try {
            engine.validateMigration(code);
        } catch (EngineException e) {
            throw new InvalidCodeException("migration code for " + machineName + " does not load: " + e.getMessage());
        }
    }
}
