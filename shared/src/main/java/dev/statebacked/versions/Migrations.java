package dev.statebacked.versions;

import dev.statebacked.failures.Conflict;
import dev.statebacked.failures.InvalidInput;
import dev.statebacked.failures.NoMigrationPath;
import dev.statebacked.failures.NotFound;
import dev.statebacked.store.ConflictingWriteException;
import dev.statebacked.store.ItemStore;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Migrations between a machine's versions: brought in like versions (reserve, upload, finalize), and chained into
 * the shortest path from an instance's version to the one it should run.
 */
public final class Migrations {
    /** Separates the parts of the reserved id the signature binds: the finalize request has no body to carry them. */
    private static final String PART = "~";

    private final MachineRepository machines;
    private final VersionRepository versions;
    private final MigrationRepository migrations;
    private final VersionIds ids;
    private final CodeUploads uploads;
    private final BlobStore blobs;
    private final CodeValidator validator;
    private final ItemStore store;
    private final Clock clock;
    // migrations are immutable, so their code can be kept for the life of the process
    private final ConcurrentHashMap<String, String> codeCache = new ConcurrentHashMap<>();

    public Migrations(
            MachineRepository machines,
            VersionRepository versions,
            MigrationRepository migrations,
            VersionIds ids,
            CodeUploads uploads,
            BlobStore blobs,
            CodeValidator validator,
            ItemStore store,
            Clock clock) {
        this.machines = machines;
        this.versions = versions;
        this.migrations = migrations;
        this.ids = ids;
        this.uploads = uploads;
        this.blobs = blobs;
        this.validator = validator;
        this.store = store;
        this.clock = clock;
    }

    public record Reservation(String signedMigrationId, CodeUploads.UploadForm form) {}

    public Reservation reserve(
            String orgId, String machineName, String fromVersionId, String toVersionId, boolean gzip, String apiUrl) {
        if (machines.find(orgId, machineName).isEmpty()) {
            throw new NotFound("no machine " + machineName);
        }
        requireVersion(orgId, machineName, fromVersionId, "fromMachineVersionId");
        requireVersion(orgId, machineName, toVersionId, "toMachineVersionId");
        if (fromVersionId.equals(toVersionId)) {
            throw new InvalidInput("toMachineVersionId", "a migration goes from one version to another");
        }
        String migrationId = VersionIds.newMigrationId(clock.instant());
        return new Reservation(
                ids.sign(orgId, machineName, String.join(PART, migrationId, fromVersionId, toVersionId)),
                uploads.form(apiUrl, codeKey(orgId, machineName, migrationId), gzip));
    }

    /** Validates the uploaded code (it must export upgradeState and upgradeContext) and records the migration. */
    public Migration finalize(String orgId, String machineName, String signedMigrationId) {
        if (machines.find(orgId, machineName).isEmpty()) {
            throw new NotFound("no machine " + machineName);
        }
        String[] parts = ids.verify(orgId, machineName, signedMigrationId)
                .map(bound -> bound.split(PART, -1))
                .filter(p -> p.length == 3)
                .orElseThrow(() -> new InvalidInput(
                        "machineVersionMigrationId", "not a machine version migration id this API issued"));
        Migration migration = new Migration(orgId, machineName, parts[0], parts[1], parts[2], clock.instant());
        if (migrations.find(orgId, machineName, migration.id()).isPresent()) {
            throw new Conflict("migration " + migration.id() + " is finalized already");
        }
        String codeKey = codeKey(orgId, machineName, migration.id());
        String code = UploadedCode.seal(blobs, codeKey, "migration");
        try {
            validator.validateMigration(machineName, code);
        } catch (InvalidCodeException e) {
            throw new InvalidInput("code", e.getMessage());
        }
        try {
            store.write(migrations.create(migration));
        } catch (ConflictingWriteException e) {
            throw new Conflict("migration " + migration.id() + " is finalized already");
        }
        codeCache.put(codeKey, code);
        return migration;
    }

    /**
     * The fewest migrations leading from one version to the other (breadth-first over all of them; among paths of
     * one length, the one using older migrations first); empty for the same version. Throws {@link NoMigrationPath}.
     */
    public List<Migration> path(String orgId, String machineName, String fromVersionId, String toVersionId) {
        if (fromVersionId.equals(toVersionId)) {
            return List.of();
        }
        Map<String, List<Migration>> outgoing = new HashMap<>();
        for (Migration m : migrations.all(orgId, machineName)) {
            outgoing.computeIfAbsent(m.fromVersionId(), v -> new ArrayList<>()).add(m);
        }
        Map<String, Migration> reachedBy = new HashMap<>();
        Deque<String> frontier = new ArrayDeque<>(List.of(fromVersionId));
        while (!frontier.isEmpty()) {
            String version = frontier.removeFirst();
            for (Migration m : outgoing.getOrDefault(version, List.of())) {
                if (m.toVersionId().equals(fromVersionId) || reachedBy.containsKey(m.toVersionId())) {
                    continue;
                }
                reachedBy.put(m.toVersionId(), m);
                if (m.toVersionId().equals(toVersionId)) {
                    List<Migration> path = new ArrayList<>();
                    for (String v = toVersionId;
                            !v.equals(fromVersionId);
                            v = reachedBy.get(v).fromVersionId()) {
                        path.add(reachedBy.get(v));
                    }
                    Collections.reverse(path);
                    return List.copyOf(path);
                }
                frontier.addLast(m.toVersionId());
            }
        }
        throw new NoMigrationPath("no migration path from " + fromVersionId + " to " + toVersionId);
    }

    /** The code of a finalized migration, as uploaded (un-gzipped). */
    public String code(Migration migration) {
        String key = codeKey(migration.orgId(), migration.machineName(), migration.id());
        return codeCache.computeIfAbsent(
                key,
                k -> UploadedCode.load(blobs, k)
                        .orElseThrow(() -> new NotFound("no code for migration " + migration.id())));
    }

    private void requireVersion(String orgId, String machineName, String versionId, String parameter) {
        if (versionId.isBlank() || versions.find(orgId, machineName, versionId).isEmpty()) {
            throw new InvalidInput(parameter, "machine " + machineName + " has no version " + versionId);
        }
    }

    static String codeKey(String orgId, String machineName, String migrationId) {
        return "code/" + orgId + "/" + machineName + "/migrations/" + migrationId;
    }
}
