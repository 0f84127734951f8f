package dev.statebacked.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.json.Json;
import dev.statebacked.store.ItemStore;
import dev.statebacked.store.Page;
import dev.statebacked.store.SortKeyCondition;
import dev.statebacked.store.StoredItem;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Reads a page of log lines for the logs API (rules in docs/logs.md): key reads of the hour partitions the range
 * covers, in the one partition kind that holds exactly the lines the filter asks for. A page holds at most
 * {@link #PAGE} lines and never ends inside a millisecond, since the next call can only start at a millisecond;
 * only a millisecond that alone holds more lines than a page is answered whole.
 */
public final class LogReader {
    public static final int PAGE = 100;
    /**
     * The newest lines are left unread this long: a line is stamped before it is stored, and one stored a moment
     * after a newer one was read must still be ahead of the reader's next {@code from}.
     */
    public static final Duration HOLD_BACK = Duration.ofSeconds(3);
    /** At most this many hours are read in one call, so that a call costs a bounded number of queries. */
    static final int MAX_HOURS = 24;

    private final ItemStore store;
    private final Clock clock;

    public LogReader(ItemStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Lines of {@code orgId} for {@code query}, oldest first. {@code maxTimestamp} is where the next call starts:
     * after the last line returned; with no line, the end of the range read when nothing can still arrive in it (the
     * range ended at {@code to}, or at the hours one call reads), else {@code from}, which tells a watcher it has
     * caught up.
     */
    public LogPage read(String orgId, LogQuery query) {
        long from = query.fromMillis();
        long horizon = clock.millis() - HOLD_BACK.toMillis();
        long settledEnd = Math.min(
                query.toMillis().orElse(Long.MAX_VALUE),
                LogPartitions.hourStart(from) + MAX_HOURS * LogPartitions.HOUR_MILLIS);
        long end = Math.min(settledEnd, horizon);
        List<LogEntry> entries = from < end ? page(new Lines(orgId, query, end)) : List.of();
        if (!entries.isEmpty()) {
            return new LogPage(entries, entries.getLast().millis() + 1);
        }
        boolean nothingCanArrive = settledEnd <= horizon && settledEnd > from;
        return new LogPage(List.of(), nothingCanArrive ? settledEnd : from);
    }

    /** The first lines, cut at a millisecond's edge (see the class comment). */
    static List<LogEntry> page(java.util.Iterator<LogEntry> lines) {
        List<LogEntry> page = new ArrayList<>();
        while (lines.hasNext()) {
            LogEntry next = lines.next();
            if (page.size() >= PAGE) {
                long last = page.getLast().millis();
                if (next.millis() != last) {
                    break;
                }
                if (page.getFirst().millis() != last) {
                    page.removeIf(entry -> entry.millis() == last);
                    break;
                }
            }
            page.add(next);
        }
        return page;
    }

    /** The matching lines from the query's start to {@code end} (exclusive), oldest first, read a page at a time. */
    private final class Lines implements java.util.Iterator<LogEntry> {
        private final String orgId;
        private final LogQuery query;
        private final long end;
        private final Deque<LogEntry> buffered = new ArrayDeque<>();
        private long hour;
        private Optional<String> cursor = Optional.empty();
        private boolean hourDone;
        private boolean done;

        Lines(String orgId, LogQuery query, long end) {
            this.orgId = orgId;
            this.query = query;
            this.end = end;
            this.hour = LogPartitions.hourStart(query.fromMillis());
        }

        @Override
        public boolean hasNext() {
            while (buffered.isEmpty() && !done) {
                readMore();
            }
            return !buffered.isEmpty();
        }

        @Override
        public LogEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffered.removeFirst();
        }

        private void readMore() {
            if (hourDone) {
                hour += LogPartitions.HOUR_MILLIS;
                cursor = Optional.empty();
                hourDone = false;
            }
            if (hour >= end) {
                done = true;
                return;
            }
            long start = Math.max(query.fromMillis(), hour);
            Page page = store.queryRange(
                    query.partition(orgId, hour),
                    SortKeyCondition.atOrAbove(LogPartitions.timePrefix(start)),
                    PAGE + 1,
                    cursor,
                    true);
            for (StoredItem item : page.items()) {
                long millis = LogPartitions.millisOf(item.key().sort());
                if (millis >= end) {
                    hourDone = true;
                    done = true;
                    return;
                }
                LogEntry entry = entry(millis, item);
                if (query.matches(entry)) {
                    buffered.addLast(entry);
                }
            }
            cursor = page.cursor();
            hourDone = cursor.isEmpty();
        }
    }

    private static LogEntry entry(long millis, StoredItem item) {
        JsonNode body = Json.readStored(item.body());
        return new LogEntry(
                millis,
                body.path("orgId").asText(),
                body.path("machineName").asText(),
                body.path("instanceName").asText(),
                body.path("machineVersionId").asText(),
                body.path("outputType").asText("stdout"),
                body.path("log").asText());
    }
}
