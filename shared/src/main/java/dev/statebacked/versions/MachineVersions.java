package dev.statebacked.versions;

import dev.statebacked.failures.Conflict;
import dev.statebacked.failures.InvalidInput;
import dev.statebacked.failures.NotFound;
import dev.statebacked.store.ConflictingWriteException;
import dev.statebacked.store.Write;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The three steps that bring a machine version in (reserve, upload, finalize) and its code afterwards. */
public final class MachineVersions {
    private static final int MAX_MAKE_CURRENT_ATTEMPTS = 5;

    private final MachineRepository machines;
    private final VersionRepository versions;
    private final VersionIds ids;
    private final CodeUploads uploads;
    private final BlobStore blobs;
    private final CodeValidator validator;
    private final dev.statebacked.store.ItemStore store;
    private final Clock clock;
    // versions are immutable, so their code can be kept for the life of the process
    private final ConcurrentHashMap<String, String> codeCache = new ConcurrentHashMap<>();

    public MachineVersions(
            MachineRepository machines,
            VersionRepository versions,
            VersionIds ids,
            CodeUploads uploads,
            BlobStore blobs,
            CodeValidator validator,
            dev.statebacked.store.ItemStore store,
            Clock clock) {
        this.machines = machines;
        this.versions = versions;
        this.ids = ids;
        this.uploads = uploads;
        this.blobs = blobs;
        this.validator = validator;
        this.store = store;
        this.clock = clock;
    }

    public record Reservation(String signedVersionId, CodeUploads.UploadForm form) {}

    public Reservation reserve(String orgId, String machineName, boolean gzip, String apiUrl) {
        requireMachine(orgId, machineName);
        String versionId = VersionIds.newId(clock.instant());
        return new Reservation(
                ids.sign(orgId, machineName, versionId),
                uploads.form(apiUrl, codeKey(orgId, machineName, versionId), gzip));
    }

    /** {@code indexSelectors} empty: the version reuses the selectors of the machine's current version. */
    public record Finalization(
            Optional<String> clientInfo, boolean makeCurrent, Optional<Map<String, String>> indexSelectors) {
        public Finalization(Optional<String> clientInfo, boolean makeCurrent, Map<String, String> indexSelectors) {
            this(clientInfo, makeCurrent, Optional.of(indexSelectors));
        }
    }

    /** Validates the uploaded code and records the version (and makes it current) in one write. */
    public MachineVersion finalize(String orgId, String machineName, String signedVersionId, Finalization request) {
        Machine machine = requireMachine(orgId, machineName);
        String versionId = ids.verify(orgId, machineName, signedVersionId)
                .orElseThrow(() -> new InvalidInput("machineVersionId", "not a machine version id this API issued"));
        for (String index : request.indexSelectors().orElse(Map.of()).keySet()) {
            if (!machine.indexes().contains(index)) {
                throw new InvalidInput("indexSelectors", "machine " + machineName + " has no index " + index);
            }
        }
        if (versions.find(orgId, machineName, versionId).isPresent()) {
            throw new Conflict("machine version " + versionId + " is finalized already");
        }
        String codeKey = codeKey(orgId, machineName, versionId);
        String code = UploadedCode.seal(blobs, codeKey, "version");
        try {
            validator.validateMachineVersion(machineName, code);
        } catch (InvalidCodeException e) {
            throw new InvalidInput("code", e.getMessage());
        }
        Instant createdAt = clock.instant();
        for (int attempt = 1; ; attempt++) {
            MachineVersion version = new MachineVersion(
                    orgId, machineName, versionId, createdAt, request.clientInfo(), selectors(machine, request));
            List<Write> writes = new ArrayList<>();
            writes.add(versions.create(version));
            if (request.makeCurrent()) {
                writes.add(machines.makeCurrent(machine, versionId));
            }
            try {
                store.writeAll(writes);
                codeCache.put(cacheKey(orgId, machineName, versionId), code);
                return version;
            } catch (ConflictingWriteException e) {
                if (e.key().equals(writes.get(0).key())) {
                    throw new Conflict("machine version " + versionId + " is finalized already");
                }
                if (attempt >= MAX_MAKE_CURRENT_ATTEMPTS) {
                    throw new Conflict("machine " + machineName + " kept changing; try again");
                }
                machine = requireMachine(orgId, machineName);
            }
        }
    }

    /**
     * The version's index selectors: those it was finalized with, else the current version's (read with the machine
     * item the write is conditional on, when it makes itself current: the selectors of the version it replaces).
     */
    private Map<String, String> selectors(Machine machine, Finalization request) {
        return request.indexSelectors()
                .or(() -> machine.currentVersionId()
                        .flatMap(current -> versions.find(machine.orgId(), machine.name(), current))
                        .map(MachineVersion::indexSelectors))
                .orElse(Map.of());
    }

    /** The code of a finalized version, as uploaded (un-gzipped). */
    public Optional<String> code(String orgId, String machineName, String versionId) {
        String key = cacheKey(orgId, machineName, versionId);
        String cached = codeCache.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (versions.find(orgId, machineName, versionId).isEmpty()) {
            return Optional.empty();
        }
        Optional<String> code = loadUploadedCode(codeKey(orgId, machineName, versionId));
        code.ifPresent(c -> codeCache.put(key, c));
        return code;
    }

    private Machine requireMachine(String orgId, String machineName) {
        return machines.find(orgId, machineName).orElseThrow(() -> new NotFound("no machine " + machineName));
    }

    private Optional<String> loadUploadedCode(String key) {
        return UploadedCode.load(blobs, key);
    }

    static String codeKey(String orgId, String machineName, String versionId) {
        return "code/" + orgId + "/" + machineName + "/" + versionId;
    }

    private static String cacheKey(String orgId, String machineName, String versionId) {
        return orgId + "/" + machineName + "/" + versionId;
    }
}
