package dev.statebacked.security;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.RunningStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Instances of one version share warm JS contexts, yet each execution starts from the module's pristine state:
 * what one instance's code leaves on globals, built-in prototypes and functions, hidden intrinsics, XState's
 * objects or in module variables is gone when the next instance runs, and a context whose built-ins were frozen
 * is discarded rather than reused.
 */
class NoStateLeaksBetweenInstancesTest {
    private static final ApiClient admin = RunningStack.adminClient();
    private static MachineInstances instances;

    @BeforeAll
    static void deploy() {
        instances = new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "leaky.js"));
    }

    @Test
    void whatOneInstancePlantsOnEveryRouteIsNotSeenByTheNext() {
        String secret = "secret-of-" + freshName("p1");
        String planter = freshName("planter");
        instances.created(planter, null);
        JsonNode planted = instances
                .sent(planter, Map.of("type", "plant-and-look", "secret", secret))
                .path("publicContext")
                .path("seen");
        List<String> routes = new ArrayList<>();
        planted.fieldNames().forEachRemaining(routes::add);
        assertThat(routes).as("routes the machine tries").hasSizeGreaterThanOrEqualTo(12);
        routes.forEach(route -> assertThat(planted.path(route).asText())
                .as("the control: %s shows the secret in the " + "execution that planted it", route)
                .isEqualTo(secret));

        for (int reader = 0; reader < 3; reader++) {
            String name = freshName("reader");
            instances.created(name, null);
            JsonNode seen = instances
                    .sent(name, Map.of("type", "look"))
                    .path("publicContext")
                    .path("seen");
            routes.forEach(route -> assertThat(seen.path(route).isNull())
                    .as("%s seen by another instance: %s", route, seen)
                    .isTrue());
        }
        JsonNode again = instances
                .sent(planter, Map.of("type", "look"))
                .path("publicContext")
                .path("seen");
        routes.forEach(route -> assertThat(again.path(route).isNull())
                .as("%s seen by the planter's next execution", route)
                .isTrue());
    }

    @Test
    void aContextWhoseBuiltInsWereFrozenIsNotReused() {
        String freezer = freshName("freezer");
        instances.created(freezer, null);
        assertThat(instances
                        .sent(freezer, Map.of("type", "freeze-array-prototype"))
                        .path("publicContext")
                        .path("froze")
                        .asBoolean())
                .as("the control: frozen in the freezer's execution")
                .isTrue();

        for (int next = 0; next < 3; next++) {
            String name = freshName("after-freeze");
            instances.created(name, null);
            assertThat(instances
                            .sent(name, Map.of("type", "is-array-prototype-frozen"))
                            .path("publicContext")
                            .path("frozen")
                            .asBoolean())
                    .as("Array.prototype frozen for a later instance")
                    .isFalse();
        }
    }
}
