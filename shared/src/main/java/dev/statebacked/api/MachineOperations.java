package dev.statebacked.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.auth.Caller;
import dev.statebacked.auth.HmacSigner;
import dev.statebacked.json.Json;
import dev.statebacked.store.ConflictingWriteException;
import dev.statebacked.store.ItemStore;
import dev.statebacked.store.Write;
import dev.statebacked.versions.Machine;
import dev.statebacked.versions.MachineRepository;
import dev.statebacked.versions.MachineVersion;
import dev.statebacked.versions.MigrationRepository;
import dev.statebacked.versions.VersionRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /machines}: create, read, list and delete an org's machines. */
public final class MachineOperations {
    private static final int PAGE_SIZE = 50;
    private final MachineRepository machines;
    private final VersionRepository versions;
    private final MigrationRepository migrations;
    private final ItemStore store;
    private final Clock clock;

    public MachineOperations(
            MachineRepository machines,
            VersionRepository versions,
            MigrationRepository migrations,
            ItemStore store,
            Clock clock) {
        this.machines = machines;
        this.versions = versions;
        this.migrations = migrations;
        this.store = store;
        this.clock = clock;
    }

    public ApiResponse create(Caller caller, ApiRequest request, Map<String, String> path) {
        RequestBody body = RequestBody.of(request);
        String name = Names.require("slug", body.requiredString("slug"));
        Set<String> indexes = new LinkedHashSet<>();
        for (JsonNode index : body.optionalArray("indexes").orElse(Json.MAPPER.createArrayNode())) {
            if (!index.isTextual()) {
                throw ApiException.invalidParameter("indexes", "indexes must be names");
            }
            indexes.add(Names.require("indexes", index.asText()));
        }
        if (!machines.create(caller.orgId(), name, List.copyOf(indexes), clock.instant())) {
            throw ApiException.conflict("machine " + name + " exists");
        }
        return ApiResponse.empty(201);
    }

    public ApiResponse get(Caller caller, ApiRequest request, Map<String, String> path) {
        Machine machine = require(caller, path.get("machineName"));
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("createdAt", machine.createdAt().toString());
        currentVersion(machine).ifPresent(v -> described.put("currentVersion", v));
        described.put("indexes", machine.indexes());
        return ApiResponse.json(200, Map.of("machine", described));
    }

    public ApiResponse list(Caller caller, ApiRequest request, Map<String, String> path) {
        MachineRepository.MachinePage page = machines.list(caller.orgId(), PAGE_SIZE, Cursors.from(request));
        List<Map<String, Object>> items = new ArrayList<>();
        for (Machine machine : page.machines()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("slug", machine.name());
            item.put("createdAt", machine.createdAt().toString());
            currentVersion(machine).ifPresent(v -> item.put("currentVersion", v));
            items.add(item);
        }
        return PageResponse.of("machines", items, page.cursor());
    }

    public ApiResponse delete(Caller caller, ApiRequest request, Map<String, String> path) {
        String name = path.get("machineName");
        RequestBody body = RequestBody.of(request);
        if (!body.optionalBoolean("dangerDataWillBeDeletedForever").orElse(false)) {
            throw ApiException.invalidParameter(
                    "dangerDataWillBeDeletedForever", "dangerDataWillBeDeletedForever must be true");
        }
        if (!HmacSigner.base64UrlHmac(name, name)
                .equals(body.optionalString("hmacSha256OfMachineNameWithMachineNameKey")
                        .orElse(""))) {
            throw ApiException.invalidParameter(
                    "hmacSha256OfMachineNameWithMachineNameKey",
                    "hmacSha256OfMachineNameWithMachineNameKey must be base64url(HMAC-SHA256(key = machine name, machine name))");
        }
        Machine machine = require(caller, name);
        if (machines.hasInstances(caller.orgId(), name)) {
            throw ApiException.conflict("machine " + name + " still has instances; delete them first");
        }
        List<Write> writes = new ArrayList<>(machines.delete(machine));
        writes.addAll(versions.deleteAll(caller.orgId(), name));
        writes.addAll(migrations.deleteAll(caller.orgId(), name));
        try {
            // a transaction holds at most 100 writes; the machine item goes last so a retry can finish the job
            for (int from = writes.size(); from > 0; from -= 100) {
                store.writeAll(writes.subList(Math.max(0, from - 100), from));
            }
        } catch (ConflictingWriteException e) {
            throw ApiException.conflict("machine " + name + " changed while being deleted; try again");
        }
        return ApiResponse.empty(204);
    }

    private Machine require(Caller caller, String name) {
        return machines.find(caller.orgId(), name).orElseThrow(() -> ApiException.notFound("no machine " + name));
    }

    private Optional<Map<String, Object>> currentVersion(Machine machine) {
        return machine.currentVersionId()
                .flatMap(id -> versions.find(machine.orgId(), machine.name(), id))
                .map(MachineOperations::versionInfo);
    }

    static Map<String, Object> versionInfo(MachineVersion version) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", version.id());
        info.put("createdAt", version.createdAt().toString());
        info.put("clientInfo", version.clientInfo().orElse(""));
        return info;
    }
}
