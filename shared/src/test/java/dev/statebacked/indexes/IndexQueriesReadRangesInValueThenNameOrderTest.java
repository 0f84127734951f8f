package dev.statebacked.indexes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.statebacked.failures.InvalidInput;
import dev.statebacked.failures.NotFound;
import dev.statebacked.store.InMemoryItemStore;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import dev.statebacked.versions.MachineRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Index queries on the in-memory store: each operator a range of sort keys, paged, either direction. */
class IndexQueriesReadRangesInValueThenNameOrderTest {
    private static final String ORG = "org_q";
    private static final String MACHINE = "m";

    private final InMemoryItemStore store = new InMemoryItemStore();
    private final MachineRepository machines = new MachineRepository(store);
    private final IndexQueries queries = new IndexQueries(machines, store);

    @BeforeEach
    void entries() {
        machines.create(ORG, MACHINE, List.of("tag"), Instant.EPOCH);
        // "b" and its extension "b\u0001" and "ba", which sort just after b's own entries
        for (String[] entry : new String[][] {
            {"", "e0"}, {"a", "i1"}, {"b", "i2"}, {"b", "i3"}, {"b\u0001", "i4"}, {"ba", "i5"}, {"c", "i6"}
        }) {
            store.write(
                    new Write.Put(StoredItem.of(IndexKeys.entry(ORG, MACHINE, "tag", entry[0], entry[1]), 1, "{}")));
        }
        store.write(new Write.Put(StoredItem.of(IndexKeys.entry(ORG, MACHINE, "other", "b", "x"), 1, "{}")));
    }

    private List<String> all(IndexQuery.Op op, String value, boolean ascending, int limit) {
        List<String> names = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            IndexQueries.Result page =
                    queries.query(ORG, MACHINE, "tag", new IndexQuery(op, value, ascending, limit), cursor);
            assertThat(page.entries()).hasSizeLessThanOrEqualTo(limit);
            page.entries().forEach(e -> names.add(e.instanceName()));
            cursor = page.cursor();
        } while (cursor.isPresent() && ++pages < 50);
        assertThat(cursor).isEmpty();
        return names;
    }

    @Test
    void eachOperatorReadsItsValuesInBothDirectionsAcrossPages() {
        for (int limit : new int[] {1, 2, 100}) {
            assertThat(all(IndexQuery.Op.EQ, "b", true, limit)).containsExactly("i2", "i3");
            assertThat(all(IndexQuery.Op.EQ, "b", false, limit)).containsExactly("i3", "i2");
            assertThat(all(IndexQuery.Op.GT, "b", true, limit)).containsExactly("i4", "i5", "i6");
            assertThat(all(IndexQuery.Op.GTE, "b", true, limit)).containsExactly("i2", "i3", "i4", "i5", "i6");
            assertThat(all(IndexQuery.Op.LT, "b", true, limit)).containsExactly("e0", "i1");
            assertThat(all(IndexQuery.Op.LTE, "b", false, limit)).containsExactly("i3", "i2", "i1", "e0");
            assertThat(all(IndexQuery.Op.NE, "b", true, limit)).containsExactly("e0", "i1", "i4", "i5", "i6");
            assertThat(all(IndexQuery.Op.NE, "b", false, limit)).containsExactly("i6", "i5", "i4", "i1", "e0");
        }
    }

    @Test
    void theEmptyValueSortsFirst() {
        assertThat(all(IndexQuery.Op.EQ, "", true, 10)).containsExactly("e0");
        assertThat(all(IndexQuery.Op.LT, "", true, 10)).isEmpty();
        assertThat(all(IndexQuery.Op.GTE, "", true, 10)).hasSize(7);
        assertThat(all(IndexQuery.Op.NE, "", false, 10)).containsExactly("i6", "i5", "i4", "i3", "i2", "i1");
    }

    @Test
    void anEntryNamesItsInstanceAndValue() {
        assertThat(queries.query(ORG, MACHINE, "tag", new IndexQuery(IndexQuery.Op.GT, "b", true, 1), Optional.empty())
                        .entries())
                .containsExactly(new IndexQueries.Entry("i4", "b\u0001"));
    }

    @Test
    void aCursorOfAnotherQueryIsRefusedAsInvalidCursor() {
        String cursor = queries.query(
                        ORG, MACHINE, "tag", new IndexQuery(IndexQuery.Op.LT, "b", true, 1), Optional.empty())
                .cursor()
                .orElseThrow();

        for (String foreign : List.of(cursor.replace("0.", "1."), "x", "9.", "0.!!", cursor + "x")) {
            assertThatThrownBy(() -> queries.query(
                            ORG, MACHINE, "tag", new IndexQuery(IndexQuery.Op.GT, "b", true, 1), Optional.of(foreign)))
                    .isInstanceOfSatisfying(
                            InvalidInput.class, e -> assertThat(e.parameter()).isEqualTo("cursor"));
        }
    }

    @Test
    void anUnknownMachineOrIndexIsNotFound() {
        IndexQuery query = new IndexQuery(IndexQuery.Op.EQ, "b", true, 1);
        assertThatThrownBy(() -> queries.query(ORG, "nope", "tag", query, Optional.empty()))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> queries.query(ORG, MACHINE, "other", query, Optional.empty()))
                .isInstanceOf(NotFound.class);
    }
}
