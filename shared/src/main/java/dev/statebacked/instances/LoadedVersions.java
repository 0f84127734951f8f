package dev.statebacked.instances;

import dev.statebacked.engine.EngineException;
import dev.statebacked.engine.MachineEngine;
import dev.statebacked.engine.MachineVersion;
import dev.statebacked.failures.NotFound;
import dev.statebacked.versions.MachineVersions;

/** A machine version's code, loaded into the engine (which keeps it warm), or the failure a caller is answered. */
final class LoadedVersions {
    private final MachineVersions versions;
    private final MachineEngine engine;

    LoadedVersions(MachineVersions versions, MachineEngine engine) {
        this.versions = versions;
        this.engine = engine;
    }

    MachineVersion load(String orgId, String machineName, String versionId) {
        String code = versions.code(orgId, machineName, versionId)
                .orElseThrow(() -> new NotFound("no version " + versionId + " of machine " + machineName));
        try {
            return engine.machine(versionId, code);
        } catch (EngineException e) {
            throw InstanceProcessor.userCodeFailure(e);
        }
    }
}
