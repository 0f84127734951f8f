package dev.statebacked.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.instances.Instance;
import java.util.List;

/** The machine's {@code allowRead}, asked for several subscribers of one instance at once. */
@FunctionalInterface
public interface ReadAuthorization {
    /** One answer per auth context, in order. */
    List<Boolean> readableBy(Instance instance, List<JsonNode> authContexts);
}
