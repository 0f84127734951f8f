package dev.statebacked.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.Eventually;
import dev.statebacked.testing.MachineFixtures;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.NodeInterop;
import dev.statebacked.testing.RunningStack;
import dev.statebacked.testing.TokenSigner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /logs} on the local stack: what machine code prints from each place it runs (actions, guards, services,
 * authorizers, migrations, a throwing custom action's platform line) is found by each filter, in order, page by page,
 * and by the official client's {@code logs.retrieve} and {@code logs.watch} under Node.
 */
class LogsApiTest {
    private static final ApiClient admin = RunningStack.adminClient();
    private static final String JS_ISO = "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$";
    private static final int BURST = 150;

    private static String from;
    private static String machine;
    private static String v1;
    private static String v2;
    private static String v3;
    private static MachineInstances instances;

    @BeforeAll
    static void machineCodePrintsFromEverywhere() {
        from = LogTimestamps.format(System.currentTimeMillis() - 1000);
        machine = Deployments.machineWithCurrentVersion(admin, "logging/machine.js");
        v1 = Deployments.currentVersionId(admin, machine);
        v2 = Deployments.finalizeVersion(admin, machine, MachineFixtures.resource("logging/machine.js"), false);
        v3 = Deployments.finalizeVersion(admin, machine, MachineFixtures.resource("logging/machine.js"), false);
        migration(v1, v2, "logging/migration.js");
        migration(v1, v3, "logging/failing-migration.js");
        instances = new MachineInstances(admin, machine);

        instances.created("talker", Map.of());
        instances.sent("talker", Map.of("type", "say", "text", "hello"));
        instances.sent("talker", Map.of("type", "guarded", "text", "pass"));
        instances.sent("talker", Map.of("type", "work"));
        instances.sent("talker", Map.of("type", "boom"));
        assertThat(instances.get("talker").status()).isEqualTo(200);
        ApiClient.Response refused = instances.as(admin.actingAs("refused")).send("talker", "say");
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);

        instances.created("migrant", Map.of());
        desire("migrant", v2);
        instances.sent("migrant", Map.of("type", "say", "text", "moved"));
        instances.created("stuck", Map.of());
        desire("stuck", v3);
        ApiClient.Response failed = instances.send("stuck", Map.of("type", "say", "text", "never"));
        assertThat(failed.status()).as(failed.body()).isEqualTo(400);

        instances.created("crasher", Map.of());
        ApiClient.Response crashed = instances.send("crasher", Map.of("type", "crash"));
        assertThat(crashed.status()).as(crashed.body()).isEqualTo(400);

        instances.created("chatty", Map.of());
        instances.sent("chatty", Map.of("type", "burst", "tag", "burst", "count", BURST));
    }

    private static void migration(String fromVersion, String toVersion, String fixture) {
        Deployments.migration(admin, machine, fromVersion, toVersion, fixture);
    }

    private static void desire(String instance, String version) {
        assertThat(admin.put(instances.path(instance) + "/v", Map.of("targetMachineVersionId", version))
                        .status())
                .isEqualTo(201);
    }

    /** Every entry from {@code from} that {@code filter} selects, page after page until the answer is caught up. */
    private static List<JsonNode> all(String start, String filter) {
        List<JsonNode> entries = new ArrayList<>();
        String at = start;
        for (int page = 0; page < 50; page++) {
            ApiClient.Response response = admin.get("/logs?from=" + encode(at) + filter);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.path("logs").size()).isLessThanOrEqualTo(100);
            assertThat(body.path("maxTimestamp").asText()).matches(JS_ISO);
            body.path("logs").forEach(entries::add);
            if (body.path("logs").isEmpty()
                    && body.path("maxTimestamp").asText().equals(at)) {
                return entries;
            }
            at = body.path("maxTimestamp").asText();
        }
        throw new AssertionError("the logs never caught up");
    }

    /** {@link #all} once what the test waits for can be read (the newest seconds are held back). */
    private static List<JsonNode> eventually(String filter, Predicate<List<JsonNode>> done) {
        return Eventually.poll(Duration.ofSeconds(30), () -> all(from, filter), done);
    }

    private static List<String> lines(List<JsonNode> entries) {
        return entries.stream().map(e -> e.path("log").asText()).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<JsonNode> talker() {
        return eventually("&machine=" + machine + "&instance=talker", entries -> entries.size() >= 6);
    }

    @Test
    void eachSourceIsFoundByMachineAndInstanceInTheOrderItPrinted() {
        List<JsonNode> entries = talker();

        assertThat(entries)
                .as(lines(entries).toString())
                .satisfiesExactly(
                        e -> assertThat(e.path("log").asText()).isEqualTo("action says hello"),
                        e -> assertThat(e.path("log").asText()).isEqualTo("guard checks pass"),
                        e -> assertThat(e.path("log").asText()).isEqualTo("service starts"),
                        e -> {
                            assertThat(e.path("log").asText()).contains("explode failed", "custom action exploded");
                            assertThat(e.path("outputType").asText()).isEqualTo("stderr");
                        },
                        e -> assertThat(e.path("log").asText()).isEqualTo("allowRead of talker by test-user"),
                        e -> {
                            assertThat(e.path("log").asText()).isEqualTo("allowWrite refuses event of talker");
                            assertThat(e.path("outputType").asText()).isEqualTo("stderr");
                        });
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.path("orgId").asText())
                    .isEqualTo(RunningStack.get().credentials().orgId());
            assertThat(e.path("machineName").asText()).isEqualTo(machine);
            assertThat(e.path("instanceName").asText()).isEqualTo("talker");
            assertThat(e.path("machineVersionId").asText()).isEqualTo(v1);
        });
        assertThat(entries.getFirst().path("outputType").asText()).isEqualTo("stdout");
    }

    @Test
    void migrationsPrintUnderTheVersionTheyRanOnAndAFailedOneSaysSo() {
        List<JsonNode> migrant =
                eventually("&machine=" + machine + "&instance=migrant", entries -> entries.size() >= 3);
        List<JsonNode> stuck = eventually("&machine=" + machine + "&instance=stuck", entries -> entries.size() >= 2);

        assertThat(lines(migrant)).containsExactly("upgradeState of idle", "upgradeContext ran", "action says moved");
        assertThat(migrant).extracting(e -> e.path("machineVersionId").asText()).containsExactly(v1, v1, v2);
        assertThat(lines(stuck))
                .satisfiesExactly(
                        line -> assertThat(line).isEqualTo("upgradeState refuses idle"),
                        line -> assertThat(line)
                                .contains("the upgrade to " + v3 + " failed", "this migration refuses"));
    }

    @Test
    void machineCodeThatThrowsInATransitionLeavesWhatItPrintedAndALineSayingWhatFailed() {
        List<JsonNode> crasher =
                eventually("&machine=" + machine + "&instance=crasher", entries -> entries.size() >= 2);

        assertThat(crasher)
                .satisfiesExactly(e -> assertThat(e.path("log").asText()).isEqualTo("guard about to throw"), e -> {
                    assertThat(e.path("log").asText()).contains("the event crash failed", "guard gave up");
                    assertThat(e.path("outputType").asText()).isEqualTo("stderr");
                });
    }

    @Test
    void theVersionFilterReadsOnlyThatVersionsLines() {
        List<JsonNode> second = eventually("&version=" + v2, entries -> !entries.isEmpty());
        List<JsonNode> first = eventually("&version=" + v1, entries -> entries.size() >= 6 + 2 + 2 + 2 + BURST);

        assertThat(lines(second)).containsExactly("action says moved");
        assertThat(first)
                .allSatisfy(e -> assertThat(e.path("machineVersionId").asText()).isEqualTo(v1));
        assertThat(lines(first))
                .contains("action says hello", "upgradeState of idle", "upgradeState refuses idle", "burst 0149")
                .doesNotContain("action says moved");
        assertThat(all(from, "&version=" + v2 + "&machine=other")).isEmpty();
    }

    @Test
    void theMachineFilterAndNoFilterFindEveryLineOfTheMachine() {
        int total = 6 + 3 + 2 + 2 + BURST;
        List<JsonNode> ofMachine = eventually("&machine=" + machine, entries -> entries.size() >= total);
        List<JsonNode> ofOrg = eventually(
                "",
                entries -> entries.stream()
                                .filter(e -> e.path("machineName").asText().equals(machine))
                                .count()
                        >= total);

        // the official client's test prints 3 more when it runs first
        assertThat(ofMachine)
                .hasSizeBetween(total, total + 3)
                .allSatisfy(e -> assertThat(e.path("machineName").asText()).isEqualTo(machine));
        assertThat(lines(ofOrg.stream()
                        .filter(e -> e.path("machineName").asText().equals(machine))
                        .toList()))
                .containsExactlyElementsOf(lines(ofMachine));
    }

    @Test
    void timestampsAreToIsoStringsInAscendingOrderAndFromIsInclusiveToExclusive() {
        List<JsonNode> entries = talker();
        List<String> stamps =
                entries.stream().map(e -> e.path("timestamp").asText()).toList();

        assertThat(stamps).allSatisfy(stamp -> assertThat(stamp).matches(JS_ISO));
        assertThat(stamps).isSorted();
        ApiClient.Response range = admin.get("/logs?from=" + encode(stamps.get(1)) + "&to=" + encode(stamps.get(3))
                + "&machine=" + machine + "&instance=talker");
        assertThat(range.status()).isEqualTo(200);
        assertThat(lines(toList(range.json().path("logs")))).containsExactly("guard checks pass", "service starts");
        assertThat(range.json().path("maxTimestamp").asText()).matches(JS_ISO);
    }

    @Test
    void anAnswerThatIsCaughtUpEchoesFromInToIsoStringForm() {
        String now = "2999-01-01T00:00:00Z";

        ApiClient.Response response = admin.get("/logs?from=" + encode(now));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("logs")).isEmpty();
        assertThat(response.json().path("maxTimestamp").asText()).isEqualTo("2999-01-01T00:00:00.000Z");
    }

    @Test
    void theOfficialClientPagesAndWatchesWithoutRepeatsOrGaps() {
        eventually("&machine=" + machine + "&instance=chatty", entries -> entries.size() >= BURST);
        var credentials = RunningStack.get().credentials();

        NodeInterop.Result result = NodeInterop.node(
                "logs.mjs",
                Map.of(
                        "API_URL", RunningStack.get().apiUrl().toString(),
                        "KEY_ID", credentials.keyId(),
                        "SECRET", credentials.secret(),
                        "MACHINE", machine,
                        "INSTANCE", "chatty",
                        "FROM", from,
                        "COUNT", String.valueOf(BURST)));

        assertThat(result.output())
                .contains(
                        "ok retrieve pages hold at most 100 entries",
                        "ok retrieve needed more than one page",
                        "ok retrieve pages neither repeat nor lose a line",
                        "ok timestamps are written as toISOString writes them",
                        "ok entries are ordered by time",
                        "ok caught up: no entries and maxTimestamp is from",
                        "ok to is exclusive",
                        "ok watch with to ends after the range",
                        "ok watch delivers every line once, in order",
                        "ok watch delivers lines printed after it started",
                        "ok an aborted watch ends",
                        "interop done");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void aKeyWithoutLogsReadIsRefused() {
        ApiClient.Response created =
                admin.post("/keys", Map.of("name", "no-logs", "scopes", List.of("machines.read", "state.read")));
        assertThat(created.status()).as(created.body()).isIn(200, 201);
        ApiClient withoutLogs = new ApiClient(
                RunningStack.get().apiUrl(),
                new TokenSigner(
                        created.json().path("id").asText(),
                        created.json().path("key").asText()));

        ApiClient.Response refused = withoutLogs.get("/logs?from=" + encode(from));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("missing-scope");
        assertThat(refused.json().path("error").asText()).contains("logs.read");
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() {
        String ok = "from=" + encode(from);
        Map<String, String> refusedFor = new java.util.LinkedHashMap<>();
        refusedFor.put("", "from");
        refusedFor.put("from=yesterday", "from");
        refusedFor.put("from=1714564800000", "from");
        refusedFor.put(ok + "&to=tomorrow", "to");
        refusedFor.put(ok + "&to=" + encode("2000-01-01T00:00:00.000Z"), "to");
        refusedFor.put(ok + "&machine=" + encode("no spaces"), "machine");
        refusedFor.put(ok + "&instance=talker", "instance");
        refusedFor.put(ok + "&machine=" + machine + "&instance=" + encode("a/b"), "instance");
        refusedFor.put(ok + "&version=" + encode("mv_1#x"), "version");

        refusedFor.forEach((query, parameter) -> {
            ApiClient.Response response = admin.get("/logs?" + query);
            assertThat(response.status()).as(query + ": " + response.body()).isEqualTo(400);
            assertThat(response.code()).as(query).isEqualTo("invalid-parameter");
            assertThat(response.json().path("parameter").asText()).as(query).isEqualTo(parameter);
        });
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
