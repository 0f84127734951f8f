package dev.statebacked.indexes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.statebacked.engine.PersistedState;
import dev.statebacked.instances.Instance;
import dev.statebacked.json.Json;
import dev.statebacked.store.InMemoryItemStore;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import dev.statebacked.versions.MachineVersion;
import dev.statebacked.versions.VersionRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The index diff: a pure function of the instance before and after a write, on in-memory ports. */
class IndexEntriesFollowTheInstanceTest {
    private static final String ORG = "org_idx";
    private static final String MACHINE = "m";
    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

    private final InMemoryItemStore store = new InMemoryItemStore();
    private final VersionRepository versions = new VersionRepository(store);
    private final InstanceIndexes indexes = new InstanceIndexes(versions);

    private String version(String id, Map<String, String> selectors) {
        store.write(versions.create(new MachineVersion(ORG, MACHINE, id, AT, Optional.empty(), selectors)));
        return id;
    }

    private static Instance instance(String name, String versionId, String context) {
        PersistedState state = new PersistedState(
                TextNode.valueOf("idle"), Json.readStored(context), null, Map.of(), false, List.of(), null);
        return Instance.created(ORG, MACHINE, name, versionId, state, AT, Optional.empty());
    }

    private static Write put(String index, String value, String instance) {
        return new Write.Put(StoredItem.of(IndexKeys.entry(ORG, MACHINE, index, value, instance), 1, "{}"));
    }

    private static Write delete(String index, String value, String instance) {
        return new Write.Delete(IndexKeys.entry(ORG, MACHINE, index, value, instance));
    }

    @Test
    void aCreationPutsOneEntryPerSelectedString() {
        String v1 = version("mv_1", Map.of("owner", "$.owner", "tags", "$.tags"));

        List<Write> writes = indexes.between(
                Optional.empty(), Optional.of(instance("a", v1, "{\"owner\":\"ann\",\"tags\":[\"x\",\"y\",\"x\"]}")));

        assertThat(writes)
                .containsExactlyInAnyOrder(put("owner", "ann", "a"), put("tags", "x", "a"), put("tags", "y", "a"));
    }

    @Test
    void aSelectorAtANumberAnObjectNullOrNothingIndexesNothingAndAnArrayOnlyItsStrings() {
        String v1 = version(
                "mv_1",
                Map.of("n", "$.n", "o", "$.o", "z", "$.z", "missing", "$.missing", "mixed", "$.mixed", "bad", "$["));

        List<Write> writes = indexes.between(
                Optional.empty(),
                Optional.of(
                        instance("a", v1, "{\"n\":1,\"o\":{\"k\":\"v\"},\"z\":null,\"mixed\":[1,\"s\",{},[\"t\"]]}")));

        assertThat(writes).containsExactly(put("mixed", "s", "a"));
    }

    @Test
    void anIndefinitePathIndexesEveryStringItFinds() {
        String v1 = version("mv_1", Map.of("item", "$.items[*].sku"));

        List<Write> writes = indexes.between(
                Optional.empty(),
                Optional.of(instance("a", v1, "{\"items\":[{\"sku\":\"p1\"},{\"sku\":\"p2\"},{\"sku\":3}]}")));

        assertThat(writes).containsExactlyInAnyOrder(put("item", "p1", "a"), put("item", "p2", "a"));
    }

    @Test
    void aTransitionWritesOnlyTheValuesThatChanged() {
        String v1 = version("mv_1", Map.of("owner", "$.owner", "tags", "$.tags"));
        Instance before = instance("a", v1, "{\"owner\":\"ann\",\"tags\":[\"x\",\"y\"]}");
        Instance after = instance("a", v1, "{\"owner\":\"ann\",\"tags\":[\"y\",\"z\"],\"count\":2}");

        assertThat(indexes.between(Optional.of(before), Optional.of(after)))
                .containsExactlyInAnyOrder(delete("tags", "x", "a"), put("tags", "z", "a"));
    }

    @Test
    void aWriteThatLeavesTheContextAndVersionAloneWritesNothing() {
        String v1 = version("mv_1", Map.of("owner", "$.owner"));
        Instance before = instance("a", v1, "{\"owner\":\"ann\"}");
        Instance after = instance("a", v1, "{\"owner\":\"ann\"}");

        assertThat(indexes.between(Optional.of(before), Optional.of(after))).isEmpty();
    }

    @Test
    void anUpgradeRecomputesTheEntriesWithTheTargetVersionsSelectors() {
        String v1 = version("mv_1", Map.of("owner", "$.owner"));
        String v2 = version("mv_2", Map.of("owner", "$.profile.owner", "tags", "$.tags"));
        String context = "{\"owner\":\"ann\",\"profile\":{\"owner\":\"bob\"},\"tags\":\"t\"}";

        assertThat(indexes.between(Optional.of(instance("a", v1, context)), Optional.of(instance("a", v2, context))))
                .containsExactlyInAnyOrder(
                        delete("owner", "ann", "a"), put("owner", "bob", "a"), put("tags", "t", "a"));
    }

    @Test
    void aDeletionRemovesEveryEntry() {
        String v1 = version("mv_1", Map.of("owner", "$.owner", "tags", "$.tags"));

        List<Write> writes = indexes.between(
                Optional.of(instance("a", v1, "{\"owner\":\"ann\",\"tags\":[\"x\"]}")), Optional.empty());

        assertThat(writes).containsExactlyInAnyOrder(delete("owner", "ann", "a"), delete("tags", "x", "a"));
    }

    @Test
    void aVersionThatIsNotFoundIndexesNothing() {
        assertThat(indexes.between(Optional.empty(), Optional.of(instance("a", "mv_unknown", "{\"owner\":\"ann\"}"))))
                .isEmpty();
    }

    @Test
    void valuesBeyondTheBoundsAreNotIndexedSoEveryTransitionFitsOneTransaction() {
        String v1 = version("mv_1", Map.of("a", "$.a", "b", "$.b", "c", "$.c"));
        JsonNode context = boundsContext("");
        Instance created = instance("i", v1, context.toString());

        var values = indexes.values(created);

        assertThat(values.get("a"))
                .hasSize(VersionSelectors.MAX_VALUES_PER_INDEX)
                .first()
                .isEqualTo("a0");
        assertThat(values.get("b"))
                .hasSize(VersionSelectors.MAX_VALUES_PER_INSTANCE - VersionSelectors.MAX_VALUES_PER_INDEX);
        assertThat(values).doesNotContainKey("c");
        // replacing every value: 2 x 40 entries, beside the instance's own items
        Instance replaced = instance("i", v1, boundsContext("new").toString());
        List<Write> writes = indexes.between(Optional.of(created), Optional.of(replaced));
        assertThat(writes).hasSize(2 * VersionSelectors.MAX_VALUES_PER_INSTANCE);
        List<Write> transaction = new ArrayList<>(writes);
        transaction.add(new Write.Put(StoredItem.of(new ItemKey("inst", "state"), 1, "{}")));
        store.writeAll(transaction); // within DynamoDB's 100 items
    }

    private static JsonNode boundsContext(String prefix) {
        return Json.MAPPER.valueToTree(Map.of(
                "a", IntStream.range(0, 30).mapToObj(i -> prefix + "a" + i).toList(),
                "b", IntStream.range(0, 30).mapToObj(i -> prefix + "b" + i).toList(),
                "c", List.of("with\u0000nul", "x".repeat(VersionSelectors.MAX_VALUE_BYTES + 1), "é".repeat(257))));
    }

    @Test
    void selectorsAreReadOncePerVersion() {
        String v1 = version("mv_1", Map.of("owner", "$.owner"));
        indexes.between(Optional.empty(), Optional.of(instance("a", v1, "{\"owner\":\"ann\"}")));
        store.write(new Write.Delete(new ItemKey("org#" + ORG + "#m#" + MACHINE + "#versions", v1)));

        assertThat(indexes.between(Optional.empty(), Optional.of(instance("b", v1, "{\"owner\":\"bob\"}"))))
                .containsExactly(put("owner", "bob", "b"));
    }
}
