package dev.statebacked.indexes;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.RunningStack;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, indexes, on the local stack: machines declare indexes, versions select values from the context, and
 * {@code GET /machines/{m}/indexes/{index}/query} finds instances by them, kept in step with every write.
 */
class IndexesTest {
    /** A machine whose {@code set} event lays {@code event.set} over the context. */
    static final String INDEXED = """
            import { createMachine, assign } from "xstate";

            export const allowRead = () => true;
            export const allowWrite = () => true;

            export default createMachine({
              id: "indexed",
              predictableActionArguments: true,
              initial: "open",
              context: { owner: "nobody", tags: [], profile: { owner: "nobody" } },
              states: {
                open: {
                  on: { set: { actions: assign((ctx, e) => ({ ...ctx, ...e.set })) } },
                },
              },
            });
            """;

    private static final ApiClient admin = RunningStack.adminClient();

    private record Indexed(String machine, MachineInstances instances) {}

    /** A fresh machine with indexes {@code owner} and {@code tags}, its current version selecting them. */
    private static Indexed indexedMachine() {
        String machine = freshName("indexed");
        assertThat(admin.post("/machines", Map.of("slug", machine, "indexes", List.of("owner", "tags")))
                        .status())
                .isEqualTo(201);
        finalize(machine, Map.of("owner", "$.owner", "tags", "$.tags"));
        return new Indexed(machine, new MachineInstances(admin, machine));
    }

    /** Finalizes a current version of the machine with {@code selectors} (null: none given). */
    private static String finalize(String machine, Map<String, String> selectors) {
        ApiClient.Response reserved = admin.post("/machines/" + machine + "/v", Map.of());
        assertThat(Deployments.upload(reserved.json(), INDEXED.getBytes(StandardCharsets.UTF_8), false)
                        .status())
                .isEqualTo(204);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("makeCurrent", true);
        if (selectors != null) {
            body.put("indexSelectors", selectors);
        }
        ApiClient.Response finalized = admin.put(
                "/machines/" + machine + "/v/"
                        + reserved.json().path("machineVersionId").asText(),
                body);
        assertThat(finalized.status()).as(finalized.body()).isEqualTo(200);
        return finalized.json().path("machineVersionId").asText();
    }

    private static ApiClient.Response query(String machine, String index, String parameters) {
        return admin.get("/machines/" + machine + "/indexes/" + index + "/query?" + parameters);
    }

    /** Every page of a query, as {@code instance=value}, checking that no page exceeds the limit. */
    private static List<String> all(String machine, String index, String op, String value, String dir, int limit) {
        List<String> found = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String parameters = "op=" + op + "&value=" + encode(value) + "&dir=" + dir + "&limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + encode(cursor));
            ApiClient.Response page = query(machine, index, parameters);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            JsonNode json = page.json();
            assertThat(json.path("instances").size()).isLessThanOrEqualTo(limit);
            json.path("instances")
                    .forEach(i -> found.add(
                            i.path("slug").asText() + "=" + i.path("indexValue").asText()));
            cursor = json.has("cursor") ? json.path("cursor").asText() : null;
        } while (cursor != null && ++pages < 50);
        assertThat(cursor).as("paging ends").isNull();
        return found;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> set(Map<String, Object> values) {
        return Map.of("type", "set", "set", values);
    }

    @Test
    void everyOperatorAnswersInValueThenNameOrderInBothDirectionsAcrossPages() {
        Indexed m = indexedMachine();
        m.instances().created("i4", Map.of("owner", "c"));
        m.instances().created("i1", Map.of("owner", "a"));
        m.instances().created("i3", Map.of("owner", "b"));
        m.instances().created("i2", Map.of("owner", "b"));
        m.instances().created("i5", Map.of("owner", "ba"));

        for (int limit : new int[] {1, 2, 100}) {
            assertThat(all(m.machine(), "owner", "eq", "b", "asc", limit)).containsExactly("i2=b", "i3=b");
            assertThat(all(m.machine(), "owner", "eq", "b", "desc", limit)).containsExactly("i3=b", "i2=b");
            assertThat(all(m.machine(), "owner", "ne", "b", "asc", limit)).containsExactly("i1=a", "i5=ba", "i4=c");
            assertThat(all(m.machine(), "owner", "ne", "b", "desc", limit)).containsExactly("i4=c", "i5=ba", "i1=a");
            assertThat(all(m.machine(), "owner", "gt", "b", "asc", limit)).containsExactly("i5=ba", "i4=c");
            assertThat(all(m.machine(), "owner", "gte", "b", "desc", limit))
                    .containsExactly("i4=c", "i5=ba", "i3=b", "i2=b");
            assertThat(all(m.machine(), "owner", "lt", "b", "asc", limit)).containsExactly("i1=a");
            assertThat(all(m.machine(), "owner", "lte", "b", "asc", limit)).containsExactly("i1=a", "i2=b", "i3=b");
        }
        assertThat(all(m.machine(), "owner", "gte", "", "asc", 2)).hasSize(5);
    }

    @Test
    void anArraySelectorIndexesEachStringAndOtherValuesNothing() {
        Indexed m = indexedMachine();
        m.instances().created("tagged", Map.of("tags", List.of("red", "blue", 3)));
        m.instances().created("numbered", Map.of("tags", 7, "owner", Map.of("not", "a string")));

        assertThat(all(m.machine(), "tags", "gte", "", "asc", 10)).containsExactly("tagged=blue", "tagged=red");
        assertThat(all(m.machine(), "owner", "gte", "", "asc", 10)).containsExactly("tagged=nobody");
    }

    @Test
    void aTransitionThatChangesAValueMovesTheInstancesEntry() {
        Indexed m = indexedMachine();
        m.instances().created("mover", Map.of("owner", "ann", "tags", List.of("x", "y")));
        m.instances().created("stayer", Map.of("owner", "ann"));

        m.instances().sent("mover", set(Map.of("owner", "bob", "tags", List.of("y", "z"))));

        assertThat(all(m.machine(), "owner", "eq", "ann", "asc", 10)).containsExactly("stayer=ann");
        assertThat(all(m.machine(), "owner", "eq", "bob", "asc", 10)).containsExactly("mover=bob");
        assertThat(all(m.machine(), "tags", "gte", "", "asc", 10)).containsExactly("mover=y", "mover=z");
    }

    @Test
    void deletingAnInstanceRemovesItsEntries() {
        Indexed m = indexedMachine();
        m.instances().created("gone", Map.of("owner", "ann", "tags", List.of("x")));
        m.instances().created("kept", Map.of("owner", "ann"));

        assertThat(m.instances().delete("gone").status()).isBetween(200, 299);

        assertThat(all(m.machine(), "owner", "gte", "", "asc", 10)).containsExactly("kept=ann");
        assertThat(all(m.machine(), "tags", "gte", "", "asc", 10)).isEmpty();
    }

    @Test
    void aVersionThatChangesASelectorIndexesItsInstancesByItWhileOlderInstancesKeepTheirs() {
        Indexed m = indexedMachine();
        Map<String, Object> context = Map.of("owner", "top", "profile", Map.of("owner", "nested"));
        m.instances().created("old", context);

        finalize(m.machine(), Map.of("owner", "$.profile.owner"));
        m.instances().created("new", context);
        m.instances().sent("old", set(Map.of("tags", List.of("t"))));

        assertThat(all(m.machine(), "owner", "gte", "", "asc", 10)).containsExactly("new=nested", "old=top");
        assertThat(all(m.machine(), "tags", "gte", "", "asc", 10)).containsExactly("old=t");
    }

    @Test
    void anUpgradeReindexesTheInstanceWithTheTargetVersionsSelectorsInItsTransition() {
        Indexed m = indexedMachine();
        String v1 = admin.get("/machines/" + m.machine())
                .json()
                .path("machine")
                .path("currentVersion")
                .path("id")
                .asText();
        m.instances().created("upgraded", Map.of("owner", "top", "profile", Map.of("owner", "nested")));
        String v2 = finalize(m.machine(), Map.of("owner", "$.profile.owner"));
        migration(m.machine(), v1, v2);
        assertThat(admin.put(m.instances().path("upgraded") + "/v", Map.of("targetMachineVersionId", v2))
                        .status())
                .isEqualTo(201);
        assertThat(all(m.machine(), "owner", "gte", "", "asc", 10))
                .as("nothing changes before the next event")
                .containsExactly("upgraded=top");

        m.instances().sent("upgraded", Map.of("type", "noop"));

        assertThat(all(m.machine(), "owner", "gte", "", "asc", 10)).containsExactly("upgraded=nested");
    }

    /** A migration from {@code from} to {@code to} that keeps state and context as they are. */
    private static void migration(String machine, String from, String to) {
        ApiClient.Response reserved = admin.post(
                "/machines/" + machine + "/migrations",
                Map.of("fromMachineVersionId", from, "toMachineVersionId", to, "code", "ignored"));
        assertThat(reserved.status()).as(reserved.body()).isEqualTo(200);
        String code = """
                export const upgradeState = (path, context) => path;
                export const upgradeContext = (oldPaths, newPaths, context) => context;
                """;
        assertThat(Deployments.upload(reserved.json(), code.getBytes(StandardCharsets.UTF_8), false)
                        .status())
                .isEqualTo(204);
        ApiClient.Response finalized = admin.put(
                "/machines/" + machine + "/migrations/"
                        + reserved.json().path("machineVersionMigrationId").asText(),
                null);
        assertThat(finalized.status()).as(finalized.body()).isEqualTo(200);
    }

    @Test
    void aVersionFinalizedWithoutSelectorsKeepsTheCurrentVersionsOnes() {
        Indexed m = indexedMachine();

        finalize(m.machine(), null);
        m.instances().created("later", Map.of("owner", "ann", "tags", List.of("x")));

        assertThat(all(m.machine(), "owner", "eq", "ann", "asc", 10)).containsExactly("later=ann");
        assertThat(all(m.machine(), "tags", "eq", "x", "asc", 10)).containsExactly("later=x");
    }

    @Test
    void aBadParameterIsRefusedNamingItAndAnUnknownMachineOrIndexIsNotFound() {
        Indexed m = indexedMachine();
        Map<String, String> refused = Map.of(
                "op=like&value=a", "op",
                "op=eq&value=a&dir=up", "dir",
                "op=eq&value=a&limit=0", "limit",
                "op=eq&value=a&limit=101", "limit",
                "op=eq&value=a&limit=ten", "limit",
                "op=eq&value=a&cursor=nonsense", "cursor",
                "op=eq", "value");
        refused.forEach((parameters, parameter) -> {
            ApiClient.Response response = query(m.machine(), "owner", parameters);
            assertThat(response.status()).as(parameters).isEqualTo(400);
            assertThat(response.code()).isEqualTo("invalid-parameter");
            assertThat(response.json().path("parameter").asText())
                    .as(parameters)
                    .isEqualTo(parameter);
        });
        assertThat(query(m.machine(), "nothing", "op=eq&value=a").status()).isEqualTo(404);
        assertThat(query(freshName("no-machine"), "owner", "op=eq&value=a").status())
                .isEqualTo(404);
    }
}
