package dev.statebacked.api;

import dev.statebacked.auth.Caller;
import dev.statebacked.logs.LogEntry;
import dev.statebacked.logs.LogPage;
import dev.statebacked.logs.LogQuery;
import dev.statebacked.logs.LogReader;
import dev.statebacked.logs.LogTimestamps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /logs?from=&to=&machine=&instance=&version=}: a page of the org's log lines, as the official client's
 * {@code logs.retrieve} and {@code logs.watch} read them (docs/logs.md).
 */
public final class LogOperations {
    private final LogReader reader;

    public LogOperations(LogReader reader) {
        this.reader = reader;
    }

    public ApiResponse retrieve(Caller caller, ApiRequest request, Map<String, String> path) {
        long from = timestamp(request, "from")
                .orElseThrow(() -> ApiException.invalidParameter("from", "from (an ISO-8601 timestamp) is required"));
        Optional<Long> to = timestamp(request, "to");
        if (to.isPresent() && to.get() < from) {
            throw ApiException.invalidParameter("to", "to must not be before from");
        }
        Optional<String> machine = request.queryParameter("machine").map(m -> Names.require("machine", m));
        Optional<String> instance = request.queryParameter("instance").map(i -> Names.require("instance", i));
        if (instance.isPresent() && machine.isEmpty()) {
            throw ApiException.invalidParameter("instance", "instance needs machine: instance names are per machine");
        }
        // version ids are written into partition names: the same characters as names, so none can hold a '#'
        Optional<String> version = request.queryParameter("version").map(v -> Names.require("version", v));
        LogPage page = reader.read(caller.orgId(), new LogQuery(from, to, machine, instance, version));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("maxTimestamp", page.maxTimestamp());
        body.put("logs", page.entries().stream().map(LogOperations::json).toList());
        return ApiResponse.json(200, body);
    }

    private static Optional<Long> timestamp(ApiRequest request, String parameter) {
        return request.queryParameter(parameter)
                .map(value -> LogTimestamps.parse(value)
                        .orElseThrow(() -> ApiException.invalidParameter(
                                parameter,
                                parameter + " must be an ISO-8601 timestamp, such as 2024-05-01T12:00:00.000Z")));
    }

    private static Map<String, Object> json(LogEntry entry) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", entry.timestamp());
        line.put("orgId", entry.orgId());
        line.put("machineName", entry.machineName());
        line.put("instanceName", entry.instanceName());
        line.put("machineVersionId", entry.machineVersionId());
        line.put("outputType", entry.outputType());
        line.put("log", entry.log());
        return line;
    }
}
