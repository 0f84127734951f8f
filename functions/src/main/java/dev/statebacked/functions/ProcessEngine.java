package dev.statebacked.functions;

import dev.statebacked.engine.EngineSettings;
import dev.statebacked.engine.MachineEngine;

/**
 * The one JS engine of a Lambda process. Made when the handler class is initialised, so SnapStart's snapshot
 * holds it already warm; every handler of the process shares it.
 */
final class ProcessEngine {
    private static final MachineEngine ENGINE = MachineEngine.create(EngineSettings.fromEnvironment(System.getenv()));

    private ProcessEngine() {}

    static MachineEngine get() {
        return ENGINE;
    }
}
