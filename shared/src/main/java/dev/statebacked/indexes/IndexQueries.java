package dev.statebacked.indexes;

import dev.statebacked.failures.InvalidInput;
import dev.statebacked.failures.NotFound;
import dev.statebacked.store.InvalidCursorException;
import dev.statebacked.store.ItemStore;
import dev.statebacked.store.Page;
import dev.statebacked.store.SortKeyCondition;
import dev.statebacked.store.StoredItem;
import dev.statebacked.versions.Machine;
import dev.statebacked.versions.MachineRepository;
import java.util.List;
import java.util.Optional;

/**
 * Reads of an index: every operator is one DynamoDB Query of the index's partition with a sort-key condition (a
 * range read, never a scan), so a page is one consistent read ordered by value, then instance name. {@code ne} is
 * the two ranges either side of the value ({@code lt} then {@code gt}, reversed when descending); a page never spans
 * both, and the cursor carries which range it continues ({@code <phase>.<store cursor>}).
 */
public final class IndexQueries {
    private final MachineRepository machines;
    private final ItemStore store;

    public IndexQueries(MachineRepository machines, ItemStore store) {
        this.machines = machines;
        this.store = store;
    }

    public record Entry(String instanceName, String value) {}

    public record Result(List<Entry> entries, Optional<String> cursor) {}

    /** One range of sort keys: a prefix (eq, everything) or a one-sided bound. */
    private record Range(Optional<String> prefix, Optional<SortKeyCondition> condition) {

        static Range prefix(String prefix) {
            return new Range(Optional.of(prefix), Optional.empty());
        }

        static Range where(SortKeyCondition condition) {
            return new Range(Optional.empty(), Optional.of(condition));
        }
    }

    public Result query(String orgId, String machineName, String index, IndexQuery query, Optional<String> cursor) {
        Machine machine =
                machines.find(orgId, machineName).orElseThrow(() -> new NotFound("no machine " + machineName));
        if (!machine.indexes().contains(index)) {
            throw new NotFound("machine " + machineName + " has no index " + index);
        }
        List<Range> phases = phases(query);
        if (phases.isEmpty()) {
            return new Result(List.of(), Optional.empty());
        }
        int phase = 0;
        Optional<String> storeCursor = Optional.empty();
        if (cursor.isPresent()) {
            String given = cursor.get();
            int dot = given.indexOf('.');
            try {
                phase = Integer.parseInt(given.substring(0, Math.max(dot, 0)));
            } catch (NumberFormatException e) {
                throw new InvalidInput("cursor", "cursor was not issued by this query");
            }
            if (phase < 0 || phase >= phases.size()) {
                throw new InvalidInput("cursor", "cursor was not issued by this query");
            }
            String rest = given.substring(dot + 1);
            storeCursor = rest.isEmpty() ? Optional.empty() : Optional.of(rest);
        }
        String partition = IndexKeys.partition(orgId, machineName, index);
        Page page = read(partition, phases.get(phase), query, storeCursor);
        List<Entry> entries = page.items().stream().map(IndexQueries::entry).toList();
        Optional<String> next = Optional.empty();
        if (page.cursor().isPresent()) {
            next = Optional.of(phaseCursor(phase, page.cursor().get()));
        } else if (phase + 1 < phases.size()) {
            next = Optional.of(phaseCursor(phase + 1, ""));
        }
        return new Result(entries, next);
    }

    private static String phaseCursor(int phase, String storeCursor) {
        return phase + "." + storeCursor;
    }

    private Page read(String partition, Range range, IndexQuery query, Optional<String> cursor) {
        try {
            if (range.prefix().isPresent()) {
                return store.query(partition, range.prefix().get(), query.limit(), cursor, query.ascending());
            }
            return store.queryRange(
                    partition, range.condition().orElseThrow(), query.limit(), cursor, query.ascending());
        } catch (InvalidCursorException e) {
            throw new InvalidInput("cursor", "cursor was not issued by this query");
        }
    }

    /**
     * The ranges the query reads, in the order of its direction. Nothing sorts below the empty value (DynamoDB
     * refuses an empty bound, too): below it there is no range to read.
     */
    private static List<Range> phases(IndexQuery query) {
        String value = query.value();
        Range above = Range.where(SortKeyCondition.atOrAbove(value + IndexKeys.AFTER_SEPARATOR));
        Optional<Range> below =
                value.isEmpty() ? Optional.empty() : Optional.of(Range.where(SortKeyCondition.below(value)));
        List<Range> phases = switch (query.op()) {
            case EQ -> List.of(Range.prefix(value + IndexKeys.SEPARATOR));
            case GT -> List.of(above);
            case GTE -> List.of(value.isEmpty() ? Range.prefix("") : Range.where(SortKeyCondition.atOrAbove(value)));
            case LT -> below.stream().toList();
            case LTE -> List.of(Range.where(SortKeyCondition.below(value + IndexKeys.AFTER_SEPARATOR)));
            case NE -> below.map(b -> List.of(b, above)).orElse(List.of(above));
        };
        return query.ascending() ? phases : phases.reversed();
    }

    private static Entry entry(StoredItem item) {
        String sort = item.key().sort();
        return new Entry(IndexKeys.instanceName(sort), IndexKeys.value(sort));
    }
}
