package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.engine.LogRecord;
import dev.statebacked.engine.MachineSession;
import dev.statebacked.engine.MachineVersion;
import dev.statebacked.engine.MigrationVersion;
import dev.statebacked.engine.StateMigration;
import dev.statebacked.json.Json;
import dev.statebacked.timers.PendingTimer;
import dev.statebacked.versions.Migration;
import dev.statebacked.versions.Migrations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Brings an instance to its desired version before an event, when it is settled (no service runs, nothing owed):
 * the migrations' result is written as a transition from a {@code statebacked.upgrade} event, on the target
 * version. Persistent children and the timers of states still active carry over; the {@code after} timers of
 * states the new state left are dropped. If a migration fails, nothing is written and the event fails with it.
 */
final class Upgrades {
    static final String UPGRADE_EVENT = "statebacked.upgrade";
    /** XState's `after` timers send this event type, naming the state node that armed it: xstate.after(1000)#m.a */
    private static final String AFTER_PREFIX = "xstate.after(";

    private final Migrations migrations;
    private final Settler settler;
    private final LogSink logs;
    private final BiFunction<Instance, String, MachineVersion> versionOf;
    private final BiFunction<String, String, MigrationVersion> migrationOf;

    Upgrades(
            Migrations migrations,
            Settler settler,
            LogSink logs,
            BiFunction<Instance, String, MachineVersion> versionOf,
            BiFunction<String, String, MigrationVersion> migrationOf) {
        this.migrations = migrations;
        this.settler = settler;
        this.logs = logs;
        this.versionOf = versionOf;
        this.migrationOf = migrationOf;
    }

    Instance upgradeIfDesired(Instance instance) {
        Optional<String> desired = instance.desiredVersionId().filter(v -> !v.equals(instance.versionId()));
        if (desired.isEmpty()
                || instance.hasEphemeralChildren()
                || !instance.owedEvents().isEmpty()) {
            return instance;
        }
        String target = desired.get();
        List<MigrationVersion> chain =
                migrations.path(instance.orgId(), instance.machineName(), instance.versionId(), target).stream()
                        .map(this::load)
                        .toList();
        JsonNode event = Json.MAPPER
                .createObjectNode()
                .put("type", UPGRADE_EVENT)
                .put("fromMachineVersionId", instance.versionId())
                .put("toMachineVersionId", target);
        try (MachineSession session = versionOf.apply(instance, target).openSession()) {
            MachineSession.Upgraded upgraded = migrate(instance, chain, session, event);
            List<PendingTimer> timers = instance.timers().stream()
                    .filter(timer -> stillApplies(timer, upgraded.activeStateIds()))
                    .toList();
            return settler.take(
                    session,
                    instance,
                    instance.onVersion(target).withTimers(timers),
                    upgraded.transition(),
                    List.of(),
                    new Change.Transitioned(event, Optional.empty(), Optional.empty()));
        }
    }

    /**
     * What the migrations print is stored before the upgrade is written, or before the failure is reported, under the
     * version the instance ran when they ran (a failed upgrade leaves it there).
     */
    private MachineSession.Upgraded migrate(
            Instance instance, List<MigrationVersion> chain, MachineSession session, JsonNode event) {
        List<LogRecord> console = new ArrayList<>();
        try {
            return StateMigration.migrate(instance.state(), chain, session, event, console);
        } finally {
            if (!console.isEmpty()) {
                logs.write(instance, console);
            }
        }
    }

    private MigrationVersion load(Migration migration) {
        return migrationOf.apply(migration.id(), migrations.code(migration));
    }

    private static boolean stillApplies(PendingTimer timer, Set<String> activeStateIds) {
        String type = timer.event().path("type").asText();
        if (!timer.toSelf() || !type.startsWith(AFTER_PREFIX)) {
            return true;
        }
        int hash = type.indexOf(")#");
        return hash < 0 || activeStateIds.contains(type.substring(hash + 2));
    }
}
