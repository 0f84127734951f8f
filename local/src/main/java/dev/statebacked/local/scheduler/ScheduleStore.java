package dev.statebacked.local.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.statebacked.local.EmulatorFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Schedules and groups in memory, written through to one JSON file that is replaced atomically on every
 * change, so that a crash leaves either the old or the new file, never half of one. The data is small
 * (pending timers), so rewriting it whole is cheap and keeps the format readable.
 */
final class ScheduleStore {
    private static final ObjectMapper JSON = EmulatorFiles.JSON;

    /** What the file holds. */
    record Contents(List<ScheduleGroup> groups, List<Schedule> schedules) {}

    private final Path file;
    private final Map<String, ScheduleGroup> groups = new LinkedHashMap<>();
    private final Map<String, Schedule> schedules = new LinkedHashMap<>();

    private ScheduleStore(Path file) {
        this.file = file;
    }

    /** Reads the file in {@code dataDir}, or starts empty with the default group. */
    static ScheduleStore open(Path dataDir, Instant now) {
        try {
            Files.createDirectories(dataDir);
            ScheduleStore store = new ScheduleStore(dataDir.resolve("schedules.json"));
            if (Files.exists(store.file)) {
                Contents contents = JSON.readValue(store.file.toFile(), Contents.class);
                contents.groups().forEach(g -> store.groups.put(g.name(), g));
                contents.schedules().forEach(s -> store.schedules.put(s.key(), s));
            }
            if (!store.groups.containsKey(ScheduleGroup.DEFAULT)) {
                store.groups.put(ScheduleGroup.DEFAULT, new ScheduleGroup(ScheduleGroup.DEFAULT, now, now));
                store.save();
            }
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the schedules in " + dataDir, e);
        }
    }

    synchronized Optional<ScheduleGroup> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    synchronized void addGroup(ScheduleGroup group) {
        groups.put(group.name(), group);
        save();
    }

    /** Deletes the group and, as AWS does, every schedule in it. */
    synchronized void removeGroup(String name) {
        groups.remove(name);
        schedules.values().removeIf(s -> s.groupName().equals(name));
        save();
    }

    synchronized Optional<Schedule> schedule(String groupName, String name) {
        return Optional.ofNullable(schedules.get(Schedule.key(groupName, name)));
    }

    synchronized List<Schedule> schedules(Predicate<Schedule> filter) {
        return schedules.values().stream()
                .filter(filter)
                .sorted(Comparator.comparing(Schedule::key))
                .toList();
    }

    synchronized void put(Schedule schedule) {
        schedules.put(schedule.key(), schedule);
        save();
    }

    synchronized boolean remove(String groupName, String name) {
        boolean removed = schedules.remove(Schedule.key(groupName, name)) != null;
        if (removed) {
            save();
        }
        return removed;
    }

    /** The schedules to fire now, earliest first. */
    synchronized List<Schedule> due(Instant now) {
        return schedules.values().stream()
                .filter(s -> s.dueAt(now))
                .sorted(Comparator.comparing(Schedule::fireAt))
                .toList();
    }

    /**
     * Records that {@code fired} reached its target: deleted or marked fired, following its
     * {@code ActionAfterCompletion}. Does nothing when the schedule was deleted (or replaced) meanwhile.
     */
    synchronized void completed(Schedule fired) {
        Schedule current = schedules.get(fired.key());
        if (current == null || !current.id().equals(fired.id())) {
            return;
        }
        if (current.deleteAfterCompletion()) {
            schedules.remove(current.key());
        } else {
            schedules.put(current.key(), current.asFired());
        }
        save();
    }

    private void save() {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(
                            new Contents(new ArrayList<>(groups.values()), new ArrayList<>(schedules.values())));
            try (FileChannel channel = FileChannel.open(
                    temporary,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
