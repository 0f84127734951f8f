package dev.statebacked.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The key scopes of the API contract, spelled as on the wire. */
public enum Scope {
    EVENTS_WRITE("events.write"),
    EVENTS_READ("events.read"),
    STATE_READ("state.read"),
    INSTANCES_READ("instances.read"),
    INSTANCES_WRITE("instances.write"),
    INSTANCES_ADMIN("instances.admin"),
    INDEXES_READ("indexes.read"),
    MACHINES_READ("machines.read"),
    MACHINES_WRITE("machines.write"),
    MACHINES_ADMIN("machines.admin"),
    MACHINE_VERSIONS_READ("machine-versions.read"),
    MACHINE_VERSIONS_WRITE("machine-versions.write"),
    ANALYTICS_READ("analytics.read"),
    ORG_READ("org.read"),
    ORG_WRITE("org.write"),
    ORG_KEYS_WRITE("org.keys.write"),
    ORG_MEMBERS_WRITE("org-members.write"),
    LOGS_READ("logs.read"),
    TOKENS_ADMIN("tokens.admin");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    public static Set<Scope> all() {
        return EnumSet.allOf(Scope.class);
    }

    /** {@code use: "production"}: what an app's backend needs to drive instances. */
    public static Set<Scope> production() {
        return EnumSet.of(EVENTS_WRITE, STATE_READ, INSTANCES_WRITE, INDEXES_READ);
    }

    /** {@code use: "ci"}: what a deploy pipeline needs to publish machines and versions. */
    public static Set<Scope> ci() {
        return EnumSet.of(MACHINES_READ, MACHINES_WRITE, MACHINE_VERSIONS_READ, MACHINE_VERSIONS_WRITE);
    }
}
