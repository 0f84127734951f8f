package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.auth.Caller;
import dev.statebacked.engine.EngineException;
import dev.statebacked.engine.HttpApiEndpoint;
import dev.statebacked.engine.LogRecord;
import dev.statebacked.engine.MachineEngine;
import dev.statebacked.engine.MachineSession;
import dev.statebacked.engine.MachineVersion;
import dev.statebacked.failures.Conflict;
import dev.statebacked.failures.DomainException;
import dev.statebacked.failures.InvalidInput;
import dev.statebacked.failures.NotFound;
import dev.statebacked.failures.UserCodeFailed;
import dev.statebacked.json.Json;
import dev.statebacked.versions.Machine;
import dev.statebacked.versions.MachineRepository;
import dev.statebacked.versions.MachineVersions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Plain HTTP requests to a machine's instances through its current version's {@code httpApiMapper}: the slug's
 * {@code handler} turns the request into an instance name, an event and the auth context {@code allowWrite} sees
 * (nothing is written when it throws), the event is delivered like any API caller's, and the slug's
 * {@code responseMapper} turns the settled instance into the answer (the default answer when it has none or fails).
 */
public final class HttpApiRequests {
    /** The key id of callers through an HTTP API: no key signed their request, the version's handler vouched. */
    static final String CALLER_KEY_ID = "http-api";

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,128}");
    /** Header names are RFC 9110 tokens; the framing headers are the gateway's to set. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private static final Set<String> FRAMING_HEADERS =
            Set.of("content-length", "transfer-encoding", "connection", "keep-alive", "upgrade");

    private final MachineRepository machines;
    private final InstanceRepository instances;
    private final LoadedVersions versions;
    private final EventProcessing events;
    private final LogSink logs;
    private final Clock clock;

    public HttpApiRequests(
            MachineRepository machines,
            InstanceRepository instances,
            MachineVersions versions,
            MachineEngine engine,
            EventProcessing events,
            LogSink logs,
            Clock clock) {
        this.machines = machines;
        this.instances = instances;
        this.versions = new LoadedVersions(versions, engine);
        this.events = events;
        this.logs = logs;
        this.clock = clock;
    }

    /**
     * A request to {@code slug} of {@code machineName}; {@code http} is what the handler gets: {@code {body, headers,
     * method, query}}.
     */
    public record Request(String orgId, String machineName, String slug, ObjectNode http) {}

    /** What the caller is answered; {@code body} is a string (sent as it is) or any other JSON value (sent as JSON). */
    public record Response(int statusCode, ObjectNode headers, JsonNode body) {}

    /** What the handler asked for. */
    private record Mapped(
            String instanceName, ObjectNode event, JsonNode authContext, Optional<JsonNode> initialContext) {}

    public Response handle(Request request) {
        Machine machine = machines.find(request.orgId(), request.machineName())
                .orElseThrow(() -> new NotFound("no machine " + request.machineName()));
        String versionId = machine.currentVersionId()
                .orElseThrow(() -> new NotFound("machine " + request.machineName() + " has no current version"));
        MachineVersion version = versions.load(request.orgId(), request.machineName(), versionId);
        HttpApiEndpoint endpoint;
        Mapped mapped;
        try (MachineSession session = version.openSession()) {
            endpoint = session.httpApiEndpoint(request.slug())
                    .orElseThrow(() -> new NotFound(
                            "machine " + request.machineName() + " has no HTTP API named " + request.slug()));
            mapped = mapRequest(session, endpoint, request, versionId);
        }
        Caller caller = new Caller(request.orgId(), CALLER_KEY_ID, Set.of(), mapped.authContext());
        createIfMissing(caller, request.machineName(), mapped);
        events.send(caller, request.machineName(), mapped.instanceName(), mapped.event());
        return endpoint.mapsResponses()
                ? mapResponse(version, endpoint, request, mapped.instanceName())
                : defaultResponse();
    }

    private Mapped mapRequest(MachineSession session, HttpApiEndpoint endpoint, Request request, String versionId) {
        String instanceName = "";
        List<LogRecord> lines = new ArrayList<>();
        try {
            JsonNode result = session.mapHttpRequest(endpoint, request.http());
            Mapped mapped = mapped(result);
            instanceName = mapped.instanceName();
            return mapped;
        } catch (EngineException e) {
            UserCodeFailed failure = InstanceProcessor.userCodeFailure(e);
            lines.add(platformLine("httpApiMapper." + endpoint.slug() + ".handler failed: " + failure.getMessage()));
            throw failure;
        } catch (InvalidInput e) {
            lines.add(platformLine("httpApiMapper." + endpoint.slug() + ".handler returned " + e.getMessage()));
            throw e;
        } finally {
            storeLines(request, versionId, instanceName, session, lines);
        }
    }

    /** The handler's {@code { machineInstanceName, event, authContext, initialContext? }}, checked. */
    private static Mapped mapped(JsonNode result) {
        if (result == null || !result.isObject()) {
            throw new InvalidInput("handler", "not an object of { machineInstanceName, event, authContext }");
        }
        JsonNode name = result.path("machineInstanceName");
        if (!name.isTextual() || !NAME.matcher(name.asText()).matches()) {
            throw new InvalidInput(
                    "machineInstanceName",
                    "a machineInstanceName that is not 1 to 128 letters, digits, '_' or '-': " + name);
        }
        JsonNode event = result.path("event");
        if (event.isMissingNode() || event.isNull()) {
            throw new InvalidInput("event", "no event");
        }
        JsonNode authContext = result.path("authContext");
        if (!authContext.isObject()) {
            throw new InvalidInput("authContext", "an authContext that is not an object: " + authContext);
        }
        JsonNode initialContext = result.path("initialContext");
        if (!initialContext.isMissingNode() && !initialContext.isNull() && !initialContext.isObject()) {
            throw new InvalidInput("initialContext", "an initialContext that is not an object: " + initialContext);
        }
        return new Mapped(
                name.asText(),
                ExternalEvents.normalize(event),
                authContext,
                Optional.of(initialContext).filter(JsonNode::isObject));
    }

    /** Creates the instance the handler named with its initial context, unless it exists; without one it must. */
    private void createIfMissing(Caller caller, String machineName, Mapped mapped) {
        if (instances.find(caller.orgId(), machineName, mapped.instanceName()).isPresent()) {
            return;
        }
        if (mapped.initialContext().isEmpty()) {
            throw new NotFound("no instance " + mapped.instanceName() + " of machine " + machineName
                    + " (the HTTP API handler gave no initialContext to create it with)");
        }
        try {
            events.create(
                    caller,
                    machineName,
                    mapped.instanceName(),
                    mapped.initialContext().get(),
                    Optional.empty());
        } catch (Conflict createdMeanwhile) {
            // another request created it first: the event goes to that instance
        }
    }

    /**
     * The slug's {@code responseMapper({state, context, result})} of the instance as stored after the event; its
     * failure (a throw, a loop, an answer that is not a response) is logged and the caller gets the default answer.
     */
    private Response mapResponse(
            MachineVersion version, HttpApiEndpoint endpoint, Request request, String instanceName) {
        Optional<Instance> settled = instances.find(request.orgId(), request.machineName(), instanceName);
        if (settled.isEmpty()) {
            return defaultResponse(); // deleted since the event was applied
        }
        Instance instance = settled.get();
        List<LogRecord> lines = new ArrayList<>();
        try (MachineSession session = version.openSession()) {
            try {
                ObjectNode input = Json.MAPPER.createObjectNode();
                input.set("state", instance.state().value());
                input.set("context", instance.state().context());
                input.set("result", result(instance));
                return response(session.mapHttpResponse(endpoint, input));
            } catch (EngineException | DomainException | IllegalArgumentException e) {
                String why = e instanceof EngineException engine
                        ? InstanceProcessor.userCodeFailure(engine).getMessage()
                        : e.getMessage();
                lines.add(platformLine("httpApiMapper." + endpoint.slug() + ".responseMapper failed: " + why));
                return defaultResponse();
            } finally {
                storeLines(request, version.versionId(), instanceName, session, lines);
            }
        }
    }

    /** The done data of the instance's final state, computed by the version the instance runs; else null. */
    private JsonNode result(Instance instance) {
        if (!instance.state().done()) {
            return Json.MAPPER.nullNode();
        }
        MachineVersion running = versions.load(instance.orgId(), instance.machineName(), instance.versionId());
        try (MachineSession session = running.openSession()) {
            return session.doneData(instance.state());
        }
    }

    /** The mapper's {@code { statusCode, headers?, body? }}, checked. */
    private static Response response(JsonNode mapped) {
        if (mapped == null || !mapped.isObject()) {
            throw new IllegalArgumentException("it returned " + mapped + ", not { statusCode, headers, body }");
        }
        JsonNode status = mapped.path("statusCode");
        if (!status.canConvertToInt() || !status.isIntegralNumber() || status.asInt() < 200 || status.asInt() > 599) {
            throw new IllegalArgumentException("statusCode must be an integer from 200 to 599, got " + status);
        }
        ObjectNode headers = Json.MAPPER.createObjectNode();
        JsonNode given = mapped.path("headers");
        if (!given.isMissingNode() && !given.isNull()) {
            if (!given.isObject()) {
                throw new IllegalArgumentException("headers must be an object of strings, got " + given);
            }
            given.properties().forEach(header -> {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                JsonNode value = header.getValue();
                if (!HEADER_NAME.matcher(name).matches()
                        || FRAMING_HEADERS.contains(name)
                        || !value.isTextual()
                        || value.asText().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                    throw new IllegalArgumentException("header " + header.getKey() + ": " + value
                            + " is not one a response may set (a string value, no framing header)");
                }
                headers.put(name, value.asText());
            });
        }
        JsonNode body = mapped.path("body");
        return new Response(status.asInt(), headers, body.isMissingNode() ? Json.MAPPER.nullNode() : body);
    }

    /** What the session's code printed, then the platform's own {@code lines}, in the machine's logs. */
    private void storeLines(
            Request request, String versionId, String instanceName, MachineSession session, List<LogRecord> lines) {
        List<LogRecord> all = new ArrayList<>(session.drainLogs());
        all.addAll(lines);
        if (!all.isEmpty()) {
            logs.write(request.orgId(), request.machineName(), versionId, instanceName, all);
        }
    }

    private static Response defaultResponse() {
        return new Response(
                200,
                Json.MAPPER.createObjectNode(),
                Json.MAPPER.createObjectNode().put("ok", true));
    }

    private LogRecord platformLine(String message) {
        return new LogRecord(LogRecord.Level.ERROR, clock.instant(), message);
    }
}
