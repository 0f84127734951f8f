package dev.statebacked.local.scheduler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST-JSON subset of EventBridge Scheduler that the service calls, with the URIs, members and error
 * types of the SDK's model: CreateSchedule, GetSchedule, DeleteSchedule, ListSchedules, CreateScheduleGroup,
 * GetScheduleGroup, DeleteScheduleGroup.
 */
final class SchedulerApi implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(SchedulerApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z\\-_.]{1,64}");
    private static final Set<String> STATES = Set.of("ENABLED", "DISABLED");
    private static final Set<String> ACTIONS = Set.of("NONE", "DELETE");
    private static final Set<String> WINDOW_MODES = Set.of("OFF", "FLEXIBLE");

    private final ScheduleStore store;
    private final Clock clock;
    /** Told about each new schedule, so that one already due fires without waiting for the next check. */
    private final Runnable scheduleAdded;

    SchedulerApi(ScheduleStore store, Clock clock, Runnable scheduleAdded) {
        this.store = store;
        this.clock = clock;
        this.scheduleAdded = scheduleAdded;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                respond(exchange, 200, route(exchange));
            } catch (SchedulerException e) {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", e.type());
                ObjectNode error =
                        JSON.createObjectNode().put("__type", e.type()).put("Message", e.getMessage());
                respond(exchange, e.status(), error);
            } catch (RuntimeException e) {
                log.error("scheduler request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                exchange.getResponseHeaders().set("x-amzn-ErrorType", "InternalServerException");
                respond(exchange, 500, JSON.createObjectNode().put("Message", String.valueOf(e.getMessage())));
            }
        }
    }

    private ObjectNode route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String[] segments = path.split("/");
        if (segments.length == 2 && segments[1].equals("schedules") && method.equals("GET")) {
            return listSchedules(query);
        }
        if (segments.length != 3) {
            throw SchedulerException.unknownOperation(method, path);
        }
        String name = URLDecoder.decode(segments[2], StandardCharsets.UTF_8);
        return switch (segments[1] + " " + method) {
            case "schedules POST" -> createSchedule(name, body(exchange));
            case "schedules GET" -> getSchedule(name, query.get("groupName"));
            case "schedules DELETE" -> deleteSchedule(name, query.get("groupName"));
            case "schedule-groups POST" -> createGroup(name);
            case "schedule-groups GET" -> getGroup(name);
            case "schedule-groups DELETE" -> deleteGroup(name);
            default -> throw SchedulerException.unknownOperation(method, path);
        };
    }

    private ObjectNode createSchedule(String name, Map<String, Object> request) {
        requireName("Name", name);
        String groupName = groupNameOrDefault((String) request.get("GroupName"));
        synchronized (store) {
            var unused = store.group(groupName)
                    .orElseThrow(() -> SchedulerException.notFound("Schedule group " + groupName + " does not exist."));
            var existing = store.schedule(groupName, name);
            if (existing.isPresent()) {
                String token = (String) request.get("ClientToken");
                // the SDK retries with the same idempotency token: that is the same request, not a second schedule
                if (token != null && token.equals(existing.get().clientToken())) {
                    return JSON.createObjectNode()
                            .put("ScheduleArn", existing.get().arn());
                }
                throw SchedulerException.conflict("Schedule " + name + " already exists.");
            }
            String timezone = (String) request.getOrDefault("ScheduleExpressionTimezone", "UTC");
            String expression = (String) request.get("ScheduleExpression");
            Instant fireAt = ScheduleExpressions.fireAt(expression, timezone);
            Map<String, Object> window = flexibleTimeWindow(request.get("FlexibleTimeWindow"));
            Map<String, Object> target = target(request.get("Target"));
            String state = oneOf("State", (String) request.getOrDefault("State", "ENABLED"), STATES);
            String action = oneOf(
                    "ActionAfterCompletion", (String) request.getOrDefault("ActionAfterCompletion", "NONE"), ACTIONS);
            Instant now = clock.instant();
            Schedule schedule = new Schedule(
                    UUID.randomUUID().toString(),
                    groupName,
                    name,
                    expression,
                    timezone,
                    fireAt,
                    window,
                    target,
                    action,
                    state,
                    (String) request.get("Description"),
                    instant(request.get("StartDate")),
                    instant(request.get("EndDate")),
                    (String) request.get("ClientToken"),
                    now,
                    now,
                    false);
            store.put(schedule);
            scheduleAdded.run();
            return JSON.createObjectNode().put("ScheduleArn", schedule.arn());
        }
    }

    private ObjectNode getSchedule(String name, String groupName) {
        Schedule s = existingSchedule(name, groupNameOrDefault(groupName));
        ObjectNode out = JSON.createObjectNode()
                .put("Arn", s.arn())
                .put("Name", s.name())
                .put("GroupName", s.groupName())
                .put("ScheduleExpression", s.expression())
                .put("ScheduleExpressionTimezone", s.timezone())
                .put("State", s.state())
                .put("ActionAfterCompletion", s.actionAfterCompletion());
        out.set("FlexibleTimeWindow", JSON.valueToTree(s.flexibleTimeWindow()));
        out.set("Target", JSON.valueToTree(s.target()));
        if (s.description() != null) {
            out.put("Description", s.description());
        }
        putTimestamp(out, "StartDate", s.startDate());
        putTimestamp(out, "EndDate", s.endDate());
        putTimestamp(out, "CreationDate", s.creationDate());
        putTimestamp(out, "LastModificationDate", s.lastModificationDate());
        return out;
    }

    private ObjectNode deleteSchedule(String name, String groupName) {
        String group = groupNameOrDefault(groupName);
        if (!store.remove(group, name)) {
            throw SchedulerException.notFound("Schedule " + name + " does not exist.");
        }
        return JSON.createObjectNode();
    }

    private ObjectNode listSchedules(Map<String, String> query) {
        String group = query.get("ScheduleGroup");
        String prefix = query.getOrDefault("NamePrefix", "");
        String state = query.get("State");
        ArrayNode list = JSON.createArrayNode();
        for (Schedule s : store.schedules(s -> (group == null || s.groupName().equals(group))
                && s.name().startsWith(prefix)
                && (state == null || s.state().equals(state)))) {
            ObjectNode summary = list.addObject()
                    .put("Arn", s.arn())
                    .put("Name", s.name())
                    .put("GroupName", s.groupName())
                    .put("State", s.state());
            summary.putObject("Target").put("Arn", s.targetArn());
            putTimestamp(summary, "CreationDate", s.creationDate());
            putTimestamp(summary, "LastModificationDate", s.lastModificationDate());
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("Schedules", list);
        return out;
    }

    private ObjectNode createGroup(String name) {
        requireName("Name", name);
        synchronized (store) {
            if (store.group(name).isPresent()) {
                throw SchedulerException.conflict("Schedule group " + name + " already exists.");
            }
            Instant now = clock.instant();
            ScheduleGroup group = new ScheduleGroup(name, now, now);
            store.addGroup(group);
            return JSON.createObjectNode().put("ScheduleGroupArn", group.arn());
        }
    }

    private ObjectNode getGroup(String name) {
        ScheduleGroup group = store.group(name)
                .orElseThrow(() -> SchedulerException.notFound("Schedule group " + name + " does not exist."));
        ObjectNode out = JSON.createObjectNode()
                .put("Arn", group.arn())
                .put("Name", group.name())
                .put("State", "ACTIVE");
        putTimestamp(out, "CreationDate", group.creationDate());
        putTimestamp(out, "LastModificationDate", group.lastModificationDate());
        return out;
    }

    private ObjectNode deleteGroup(String name) {
        if (name.equals(ScheduleGroup.DEFAULT)) {
            throw SchedulerException.validation("The default schedule group cannot be deleted.");
        }
        synchronized (store) {
            var unused = store.group(name)
                    .orElseThrow(() -> SchedulerException.notFound("Schedule group " + name + " does not exist."));
            store.removeGroup(name);
        }
        return JSON.createObjectNode();
    }

    private Schedule existingSchedule(String name, String groupName) {
        return store.schedule(groupName, name)
                .orElseThrow(() -> SchedulerException.notFound("Schedule " + name + " does not exist."));
    }

    private static Map<String, Object> flexibleTimeWindow(Object value) {
        if (!(value instanceof Map<?, ?> raw)) {
            throw SchedulerException.validation("FlexibleTimeWindow is required");
        }
        Map<String, Object> window = stringKeys(raw);
        String mode = oneOf("FlexibleTimeWindow.Mode", (String) window.get("Mode"), WINDOW_MODES);
        if (mode.equals("FLEXIBLE")
                && !(window.get("MaximumWindowInMinutes") instanceof Integer minutes
                        && minutes >= 1
                        && minutes <= 1440)) {
            throw SchedulerException.validation(
                    "FlexibleTimeWindow.MaximumWindowInMinutes must be 1 to 1440 when Mode is FLEXIBLE");
        }
        // the emulator fires at the start of a flexible window: one of the instants AWS may choose
        return window;
    }

    private static Map<String, Object> target(Object value) {
        if (!(value instanceof Map<?, ?> raw)) {
            throw SchedulerException.validation("Target is required");
        }
        Map<String, Object> target = stringKeys(raw);
        if (!(target.get("RoleArn") instanceof String role) || role.isBlank()) {
            throw SchedulerException.validation("Target.RoleArn is required");
        }
        String arn = target.get("Arn") instanceof String a ? a : null;
        if (SchedulerArns.queueName(arn) == null) {
            throw SchedulerException.validation(
                    "the local scheduler supports only SQS queue targets (arn:aws:sqs:...), not " + arn);
        }
        return target;
    }

    private static String oneOf(String member, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw SchedulerException.validation(member + " must be one of " + allowed + ", was " + value);
        }
        return value;
    }

    private static String groupNameOrDefault(String groupName) {
        if (groupName == null || groupName.isEmpty()) {
            return ScheduleGroup.DEFAULT;
        }
        requireName("GroupName", groupName);
        return groupName;
    }

    private static void requireName(String member, String name) {
        if (!NAME.matcher(name).matches()) {
            throw SchedulerException.validation(member + " must be 1 to 64 of [0-9a-zA-Z-_.], was " + name);
        }
    }

    /** Timestamps travel as epoch seconds, the REST-JSON default. */
    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return Instant.ofEpochMilli(
                    new BigDecimal(n.toString()).movePointRight(3).longValue());
        }
        throw SchedulerException.validation("timestamps must be epoch seconds, was " + value);
    }

    private static void putTimestamp(ObjectNode node, String member, Instant value) {
        if (value != null) {
            node.put(member, BigDecimal.valueOf(value.toEpochMilli()).movePointLeft(3));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> raw) {
        return (Map<String, Object>) raw;
    }

    private static Map<String, Object> body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                return new HashMap<>();
            }
            return JSON.readValue(bytes, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw SchedulerException.validation("the request body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
