package dev.statebacked.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.auth.Caller;
import dev.statebacked.auth.HmacSigner;
import dev.statebacked.failures.InvalidInput;
import dev.statebacked.failures.NotFound;
import dev.statebacked.instances.EventProcessing;
import dev.statebacked.instances.ExternalEvents;
import dev.statebacked.instances.Instance;
import dev.statebacked.instances.InstanceProcessor;
import dev.statebacked.instances.InstanceRepository;
import dev.statebacked.instances.InstanceStatus;
import dev.statebacked.json.Json;
import dev.statebacked.versions.MachineRepository;
import dev.statebacked.versions.VersionRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The instance routes of the contract: create, read, send events, list, history, admin, status, delete. */
public final class InstanceOperations {
    private static final int PAGE_SIZE = 50;

    private final InstanceProcessor processor;
    private final EventProcessing events;
    private final InstanceRepository instances;
    private final MachineRepository machines;
    private final VersionRepository versions;

    /** {@code events} processes creates and events; {@code processor} answers reads and deletes. */
    public InstanceOperations(
            InstanceProcessor processor,
            EventProcessing events,
            InstanceRepository instances,
            MachineRepository machines,
            VersionRepository versions) {
        this.processor = processor;
        this.events = events;
        this.instances = instances;
        this.machines = machines;
        this.versions = versions;
    }

    public ApiResponse create(Caller caller, ApiRequest request, Map<String, String> path) {
        RequestBody body = RequestBody.of(request);
        String name = Names.require("slug", body.requiredString("slug"));
        JsonNode context = body.optionalObject("context").orElse(Json.MAPPER.createObjectNode());
        var state =
                events.create(caller, path.get("machineName"), name, context, body.optionalString("machineVersionId"));
        return ApiResponse.json(200, state.toJson());
    }

    public ApiResponse get(Caller caller, ApiRequest request, Map<String, String> path) {
        return ApiResponse.json(
                200,
                processor
                        .read(caller, path.get("machineName"), path.get("instanceName"))
                        .toJson());
    }

    public ApiResponse sendEvent(Caller caller, ApiRequest request, Map<String, String> path) {
        RequestBody body = RequestBody.of(request);
        JsonNode event = body.optional("event").orElseThrow(() -> new InvalidInput("event", "event is required"));
        ObjectNode normalized = ExternalEvents.normalize(event);
        return ApiResponse.json(
                200,
                events.send(caller, path.get("machineName"), path.get("instanceName"), normalized)
                        .toJson());
    }

    public ApiResponse list(Caller caller, ApiRequest request, Map<String, String> path) {
        String machineName = path.get("machineName");
        requireMachine(caller, machineName);
        var page = instances.list(caller.orgId(), machineName, PAGE_SIZE, Cursors.from(request));
        List<Map<String, Object>> items = page.instances().stream()
                .map(i -> Map.<String, Object>of(
                        "slug",
                        i.name(),
                        "createdAt",
                        i.createdAt().toString(),
                        "status",
                        i.status().wireName(),
                        "machineVersion",
                        versionInfo(caller, machineName, i.versionId())))
                .toList();
        return PageResponse.of("instances", items, page.cursor());
    }

    public ApiResponse history(Caller caller, ApiRequest request, Map<String, String> path) {
        Instance instance = require(caller, path);
        var page = instances.history(
                caller.orgId(), instance.machineName(), instance.name(), PAGE_SIZE, Cursors.from(request));
        List<Map<String, Object>> items = page.transitions().stream()
                .map(t -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("createdAt", t.at().toString());
                    item.put("state", t.stateValue());
                    item.put("event", t.event());
                    return item;
                })
                .toList();
        return PageResponse.of("transitions", items, page.cursor());
    }

    public ApiResponse admin(Caller caller, ApiRequest request, Map<String, String> path) {
        Instance instance = require(caller, path);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("state", instance.state().value());
        response.put("context", instance.state().context());
        response.put("status", instance.status().wireName());
        response.put("tags", instance.state().tags());
        response.put("done", instance.state().done());
        response.put("machineVersion", versionInfo(caller, instance.machineName(), instance.versionId()));
        instance.desiredVersionId()
                .ifPresent(v -> response.put("desiredMachineVersion", versionInfo(caller, instance.machineName(), v)));
        response.put("createdAt", instance.createdAt().toString());
        return ApiResponse.json(200, response);
    }

    public ApiResponse setStatus(Caller caller, ApiRequest request, Map<String, String> path) {
        RequestBody body = RequestBody.of(request);
        InstanceStatus status = InstanceStatus.fromWireName(body.requiredString("status"))
                .orElseThrow(() -> new InvalidInput("status", "status must be running or paused"));
        processor.setStatus(caller, path.get("machineName"), path.get("instanceName"), status);
        return ApiResponse.empty(204);
    }

    public ApiResponse setDesiredVersion(Caller caller, ApiRequest request, Map<String, String> path) {
        RequestBody body = RequestBody.of(request);
        String target = body.requiredString("targetMachineVersionId");
        processor.setDesiredVersion(caller, path.get("machineName"), path.get("instanceName"), target, instance -> {
            if (versions.find(caller.orgId(), instance.machineName(), target).isEmpty()) {
                throw new NotFound("no version " + target + " of machine " + instance.machineName());
            }
        });
        return ApiResponse.empty(201);
    }

    public ApiResponse delete(Caller caller, ApiRequest request, Map<String, String> path) {
        String machineName = path.get("machineName");
        String instanceName = path.get("instanceName");
        RequestBody body = RequestBody.of(request);
        if (!body.optionalBoolean("dangerDataWillBeDeletedForever").orElse(false)) {
            throw new InvalidInput("dangerDataWillBeDeletedForever", "dangerDataWillBeDeletedForever must be true");
        }
        if (!HmacSigner.base64UrlHmac(machineName, instanceName)
                .equals(body.optionalString("hmacSha256OfMachineInstanceNameWithMachineNameKey")
                        .orElse(""))) {
            throw new InvalidInput(
                    "hmacSha256OfMachineInstanceNameWithMachineNameKey",
                    "must be base64url(HMAC-SHA256(key = machine name, machine instance name))");
        }
        processor.delete(caller, machineName, instanceName);
        return ApiResponse.empty(204);
    }

    private Instance require(Caller caller, Map<String, String> path) {
        String machineName = path.get("machineName");
        String instanceName = path.get("instanceName");
        return instances
                .find(caller.orgId(), machineName, instanceName)
                .orElseThrow(() -> new NotFound("no instance " + instanceName + " of machine " + machineName));
    }

    private void requireMachine(Caller caller, String machineName) {
        if (machines.find(caller.orgId(), machineName).isEmpty()) {
            throw new NotFound("no machine " + machineName);
        }
    }

    private Map<String, Object> versionInfo(Caller caller, String machineName, String versionId) {
        return versions.find(caller.orgId(), machineName, versionId)
                .map(MachineOperations::versionInfo)
                .orElseGet(() -> Map.of("id", versionId));
    }
}
