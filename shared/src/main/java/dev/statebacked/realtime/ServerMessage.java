package dev.statebacked.realtime;

import dev.statebacked.instances.Instance;
import dev.statebacked.instances.InstanceState;
import dev.statebacked.json.Json;
import dev.statebacked.messaging.InstanceAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the server sends on a real-time connection, in the official client's wire format. */
public sealed interface ServerMessage {
    String toJson();

    /** The instance's state after a transition (or as it is, right after a subscription is accepted). */
    record InstanceUpdate(InstanceAddress instance, InstanceState state) implements ServerMessage {
        public static InstanceUpdate of(Instance instance) {
            return new InstanceUpdate(instance.address(), InstanceState.of(instance));
        }

        @Override
        public String toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", "instance-update");
            json.put("machineName", instance.machineName());
            json.put("machineInstanceName", instance.instanceName());
            json.putAll(state.toJson());
            return Json.write(json);
        }
    }

    /** A subscription refused, or ended because its subscriber lost access. */
    record Error(String requestId, int status, Optional<String> code) implements ServerMessage {
        public static Error rejectedByAuthorizer(String requestId) {
            return new Error(requestId, 403, Optional.of("rejected-by-machine-authorizer"));
        }

        @Override
        public String toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", "error");
            json.put("requestId", requestId);
            json.put("status", status);
            code.ifPresent(c -> json.put("code", c));
            return Json.write(json);
        }
    }
}
